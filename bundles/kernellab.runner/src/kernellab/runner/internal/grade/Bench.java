package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import kernellab.api.sched.SchedClassOps;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.sched.ExtExit;
import kernellab.core.sched.Task;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.TraceListener;
import kernellab.core.trace.Tracepoint;

/**
 * A machine running one {@link Program} with a chosen class of policy 7, recording the
 * scheduler's own events (the ones the kernel emits whatever the class: switches, wake-ups,
 * migrations, forks and exits; not the class's own tracepoints). A class the kernel disables
 * ends the run with {@link ClassDisabled}.
 */
final class Bench implements AutoCloseable {

    /** The events compared and checked: emitted by the kernel for every class. */
    static final Tracepoint[] KERNEL_EVENTS = {SchedTracepoints.SCHED_SWITCH, SchedTracepoints.SCHED_WAKEUP,
            SchedTracepoints.SCHED_WAKEUP_NEW, SchedTracepoints.SCHED_MIGRATE_TASK, SchedTracepoints.SCHED_PROCESS_FORK,
            SchedTracepoints.SCHED_PROCESS_EXIT};

    private final Program program;
    private final Kernel kernel;
    private final List<TraceEvent> events = new ArrayList<>();

    /**
     * Boots the machine and launches the program's workloads.
     *
     * @param program what to run
     * @param schedClass the class of policy 7
     * @param hookBudgetMs real time a call into the class may take ({@link MachineConfig.Builder#watchdogMillis})
     * @param checker makes what also sees the kernel's events as they happen (a rule checker), or {@code null}
     */
    Bench(Program program, Supplier<? extends SchedClassOps> schedClass, long hookBudgetMs, Function<Kernel, TraceListener> checker) {
        this.program = program;
        this.kernel = new Kernel(program.machine().get().schedClass(schedClass).watchdogMillis(hookBudgetMs).build());
        kernel.tracer().addListener(e -> {
            events.add(e);
            return false;
        }, KERNEL_EVENTS);
        if (checker != null) {
            kernel.tracer().addListener(checker.apply(kernel), KERNEL_EVENTS);
        }
        program.launch().accept(kernel);
    }

    /** @return the kernel */
    Kernel kernel() {
        return kernel;
    }

    /**
     * Runs until every task has exited or the program's time limit.
     *
     * @return this
     * @throws ClassDisabled if the kernel disabled the class
     */
    Bench run() {
        kernel.runUntilAllExited(program.limitNs());
        checkEnabled();
        return this;
    }

    /**
     * Runs to a time.
     *
     * @param timeNs simulated time since boot
     * @throws ClassDisabled if the kernel disabled the class
     */
    void runUntil(long timeNs) {
        kernel.runUntil(timeNs);
        checkEnabled();
    }

    private void checkEnabled() {
        ExtExit exit = kernel.scheduler().policyClassExit();
        if (exit != null) {
            throw new ClassDisabled(program.name(), exit);
        }
    }

    /** @return the kernel's events so far */
    List<TraceEvent> events() {
        return events;
    }

    /** @return whether every user task has exited */
    boolean allExited() {
        return kernel.scheduler().userTasksAlive() == 0;
    }

    /**
     * @param comm a command name
     * @return the user tasks with that name, in pid order
     */
    List<Task> tasks(String comm) {
        return kernel.scheduler().allTasks().stream().filter(t -> t.comm().equals(comm)).sorted(Comparator.comparingInt(Task::pid))
                .toList();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
