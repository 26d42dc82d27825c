package kernellab.api.sched;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The kernel helpers a scheduling class calls, the {@code scx_bpf_*} functions of KernelLab.
 * The kernel gives each class one instance in {@link SchedClassOps#init}. Helpers may be called
 * from any hook (never from another thread); a call that breaks a rule throws
 * {@link IllegalStateException} or {@link IllegalArgumentException}, which, if it escapes the
 * hook, disables the class with that message.
 */
public interface SchedKernel {

    /** @return the number of CPUs, numbered 0 to {@code nrCpus() - 1} ({@code nr_cpu_ids}) */
    int nrCpus();

    /** @return simulated time since boot, ns ({@code scx_bpf_now}) */
    long now();

    /** @return ticks of the machine's HZ since boot ({@code jiffies}) */
    long jiffies();

    /**
     * @return the machine's seeded random source: the same seed gives the same numbers, so a run
     *         replays exactly (never use {@code new Random()} or {@code Math.random()} here)
     */
    RandomGenerator random();

    /**
     * A class parameter: the machine's settings for the class ({@code base_slice_ns}, the base
     * slice of {@code --wrr-base-slice}; {@code balance_period_ns}) and those given with
     * {@code --sched-param NAME=VALUE}.
     *
     * @param name the parameter's name
     * @param defaultValue what to return when it is not set
     * @return its value
     * @throws IllegalArgumentException if it is set but is not a whole number
     */
    long param(String name, long defaultValue);

    /**
     * @param name the parameter's name
     * @param defaultValue what to return when it is not set
     * @return its value as given
     */
    String param(String name, String defaultValue);

    /**
     * Sets the task's slice: the kernel charges the task's CPU time to it and calls
     * {@link SchedClassOps#tick} exactly when it reaches 0 (an {@code hrtick}-style timer), as well
     * as at every periodic tick while the task runs.
     *
     * @param p a task of the class
     * @param ns the new slice, positive
     * @throws IllegalArgumentException if {@code ns <= 0}
     */
    void setSlice(SchedTask p, long ns);

    /**
     * Asks the CPU to pick again as soon as the current hook returns ({@code resched_curr},
     * {@code scx_bpf_kick_cpu}): the running task stops (with {@link SchedClassOps#stopping}) and
     * {@link SchedClassOps#pickNext} is asked.
     *
     * @param cpu a CPU number
     */
    void resched(int cpu);

    /**
     * Moves a queued, not running task to another CPU: the kernel dequeues it from its CPU
     * ({@link SchedClassOps#dequeue} with {@link QueueReason#MOVE}), traces
     * {@code sched_migrate_task} and enqueues it on {@code dstCpu} ({@link QueueReason#MOVE});
     * the destination may then preempt its running task.
     *
     * @param p a queued task of the class
     * @param dstCpu the destination CPU, one the task is allowed on
     * @throws IllegalStateException if the task is running or not queued
     * @throws IllegalArgumentException if {@code dstCpu} is not a CPU the task may run on
     */
    void migrate(SchedTask p, int dstCpu);

    /**
     * @param cpu a CPU number
     * @return the task of this class running on the CPU, or {@code null} if it idles or runs a
     *         task of another class
     */
    SchedTask current(int cpu);

    /**
     * @param cpu a CPU number
     * @return the kernel's count of the class's tasks queued on that CPU, the running one included
     */
    int nrQueued(int cpu);

    /**
     * @param cpu a CPU number
     * @return the kernel's sum of the weights of the class's tasks queued on that CPU, the running one included
     */
    long totalWeight(int cpu);

    /**
     * @param cpu a CPU number
     * @return the kernel's list of the class's tasks queued on that CPU, in the order they were enqueued
     */
    List<SchedTask> queued(int cpu);

    /**
     * Starts a trace event of the class's own, e.g. {@code sched_wrr_load_balance}.
     *
     * @param name the event's name, lower case with underscores
     * @param cpu the CPU it happens on
     * @return the event, to which fields are added before {@link SchedTraceEvent#emit()}
     */
    SchedTraceEvent trace(String name, int cpu);

    /**
     * @param name an event name
     * @return whether anyone records it now: skip building events nobody wants
     */
    boolean traceEnabled(String name);

    /**
     * Prints a line to the kernel log ({@code printk}), shown by {@code dmesg}, the CLI's stderr
     * and the IDE Console.
     *
     * @param message the line
     */
    void printk(String message);

    /**
     * Disables the class, as {@code scx_bpf_error()} does: the kernel prints the reason and a
     * debug dump, moves the class's tasks to the fair class and goes on.
     *
     * @param reason what went wrong
     * @return never returns normally
     * @throws SchedClassError always
     */
    SchedClassError error(String reason);
}
