package kernellab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.KernelModule;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.core.sim.StopReason;

/**
 * A headless simulated machine for running an example as the CLI does: workloads launched by
 * init at time 0, their output collected as {@code kernellab run} prints it ({@code comm[pid]: line}).
 */
public final class Machine implements AutoCloseable {

    /** One millisecond in ns. */
    public static final long MS = 1_000_000L;

    private final Kernel kernel;
    private final List<String> output = new ArrayList<>();

    /** @param config the machine */
    public Machine(MachineConfig config) {
        this.kernel = new Kernel(config);
        kernel.addOutputListener((task, text) -> {
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            for (String line : body.split("\n", -1)) {
                output.add(task.comm() + "[" + task.pid() + "]: " + line);
            }
        });
    }

    /** @return the default machine of the lab: 4 CPUs, HZ 1000, seed 0 */
    public static Machine lab() {
        return new Machine(MachineConfig.builder().build());
    }

    /** @return the kernel */
    public Kernel kernel() {
        return kernel;
    }

    /**
     * @param spec what to launch
     * @return the first task launched
     */
    public Task launch(TaskSpec spec) {
        return kernel.launch(spec).get(0);
    }

    /**
     * @param comm command name
     * @param workload the example
     * @param args its arguments
     * @return its task
     */
    public Task launch(String comm, Workload workload, String... args) {
        return launch(TaskSpec.of(comm, workload).args(args).build());
    }

    /**
     * Loads a kernel-module example with an {@code insmod} task and runs until it has exited.
     *
     * @param name module name
     * @param module the example
     */
    public void insmod(String name, KernelModule module) {
        Task insmod = kernel.memory().insmod(name, module);
        runToCompletion(10_000 * MS);
        assertEquals(0, insmod.shellExitStatus(), "insmod " + name);
    }

    /**
     * Unloads a module with an {@code rmmod} task and runs until it has exited.
     *
     * @param name module name
     */
    public void rmmod(String name) {
        Task rmmod = kernel.memory().rmmod(name);
        runToCompletion(10_000 * MS);
        assertEquals(0, rmmod.shellExitStatus(), "rmmod " + name);
    }

    /**
     * Runs until every user task has exited, failing if that takes longer than the limit.
     *
     * @param maxNs simulated time limit from now
     */
    public void runToCompletion(long maxNs) {
        assertEquals(StopReason.Kind.CONDITION, kernel.runUntilAllExited(kernel.now() + maxNs).kind(),
                "all tasks exit in time");
    }

    /**
     * @param pid a pid
     * @return the task, even if it has exited and been reaped
     */
    public Task task(int pid) {
        return kernel.scheduler().allTasks().stream().filter(t -> t.pid() == pid).findFirst().orElseThrow();
    }

    /** @return every line printed so far, as {@code comm[pid]: text} */
    public List<String> output() {
        return List.copyOf(output);
    }

    /**
     * @param path a /proc file
     * @return its contents now
     */
    public String read(String path) {
        return kernel.procFs().read(path);
    }

    /** @return the kernel log's lines ({@code dmesg} without time stamps) */
    public List<String> dmesg() {
        return kernel.memory().log().lines();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
