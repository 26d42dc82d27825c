package kernellab.examples.addressspace;

import static kernellab.examples.Machine.MS;

import java.util.List;
import java.util.function.Consumer;

import kernellab.api.Workload;
import kernellab.core.sched.Task;
import kernellab.examples.Machine;

/**
 * A user-space example run to its end on the lab machine, as {@code kernellab run -w CLASS
 * --arg …} runs it: the command name is the class's simple name.
 *
 * @param output the lines printed by every process of the program, {@code comm[pid]: text}
 * @param status the exit status the shell would show (139 after SIGSEGV, 134 after SIGABRT)
 * @param dmesg the kernel log
 */
record ProgramRun(List<String> output, int status, List<String> dmesg) {

    static ProgramRun of(Workload program, String... args) {
        return of(program, m -> {
        }, args);
    }

    /**
     * @param program the example
     * @param afterExit looks at the machine once every process has exited
     * @param args the program's arguments
     * @return what it printed and how it ended
     */
    static ProgramRun of(Workload program, Consumer<Machine> afterExit, String... args) {
        return on(Machine.lab(), program, afterExit, args);
    }

    /**
     * @param machine a fresh machine, closed afterwards
     * @param program the example
     * @param afterExit looks at the machine once every process has exited
     * @param args the program's arguments
     * @return what it printed and how it ended
     */
    static ProgramRun on(Machine machine, Workload program, Consumer<Machine> afterExit, String... args) {
        try (Machine m = machine) {
            Task t = m.launch(program.getClass().getSimpleName(), program, args);
            m.runToCompletion(10_000 * MS);
            afterExit.accept(m);
            return new ProgramRun(m.output(), t.shellExitStatus(), m.dmesg());
        }
    }
}
