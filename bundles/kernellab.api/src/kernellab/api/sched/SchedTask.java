package kernellab.api.sched;

import kernellab.api.Policy;

/**
 * A task as a scheduling class sees it: a read-only view of the kernel's {@code task_struct}
 * with one slot for the class's own per-task data (what {@code p->scx} and the BPF task-local
 * storage are to a sched_ext scheduler). The same object stands for the same task for as long
 * as it lives, so it may be kept in the class's queues.
 *
 * <p>State: a task is <em>queued</em> on a CPU from the class's {@link SchedClassOps#enqueue}
 * until its {@link SchedClassOps#dequeue} (while it is runnable, running included), and
 * <em>running</em> between {@link SchedClassOps#running} and {@link SchedClassOps#stopping}.
 */
public interface SchedTask {

    /** @return the thread's id ({@code pid}) */
    int pid();

    /** @return the process's id ({@code tgid}): equal for the threads of one process */
    int tgid();

    /** @return the command name, at most 15 characters */
    String comm();

    /** @return the policy, {@link Policy#SCHED_WRR} for the tasks of the class (or a fair policy when the class replaces the fair class) */
    Policy policy();

    /**
     * @return the task's weight in the class: inherited at fork, the class's
     *         {@link SchedClassOps#defaultWeight()} when the task enters the class, set by
     *         {@code sched_setweight(2)}
     */
    int weight();

    /**
     * @param cpu a CPU number
     * @return whether the task may run on that CPU ({@code cpus_ptr}, set by {@code sched_setaffinity})
     */
    boolean isAllowed(int cpu);

    /** @return the number of CPUs the task may run on */
    int allowedCount();

    /** @return the CPU the task is queued on, runs on, or last ran on ({@code task_cpu}) */
    int cpu();

    /** @return whether the task is queued on a CPU of the class (between enqueue and dequeue) */
    boolean isQueued();

    /** @return whether the task is running on its CPU now */
    boolean isRunning();

    /** @return what is left of the task's slice, ns ({@link SchedKernel#setSlice}); it may be 0 or less once used up */
    long sliceLeft();

    /** @return CPU time the task has used since it was created, ns ({@code sum_exec_runtime}) */
    long runtime();

    /** @return the number of live threads in the task's process */
    int threadGroupSize();

    /** @return the class's own data for this task, {@code null} until {@link #setData} */
    Object data();

    /**
     * Keeps the class's own data with the task, e.g. its node in the class's queue.
     *
     * @param data anything; {@code null} clears it
     */
    void setData(Object data);
}
