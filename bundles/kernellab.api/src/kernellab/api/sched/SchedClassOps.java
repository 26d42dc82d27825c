package kernellab.api.sched;

/**
 * A scheduling class: the hooks the kernel calls to schedule the tasks of policy 7
 * ({@code SCHED_WRR}), modelled on what {@code struct sched_class} and {@code struct
 * sched_ext_ops} share. The class sits between the real-time class (which preempts it) and the
 * fair class (which it preempts). Only {@link #enqueue}, {@link #dequeue} and {@link #pickNext}
 * must be written; every other hook has a default that works.
 *
 * <p>Life of a task in the class: it enters at fork ({@link #enable} with {@code fork = true},
 * then {@link #selectCpu} with {@link SelectReason#FORK}) or by {@code sched_setscheduler}
 * ({@link #enable}, {@link #selectCpu} with {@link SelectReason#CHANGE}); it is queued on a CPU
 * ({@link #enqueue}) while runnable, runs when {@link #pickNext} returns it ({@link #running} …
 * {@link #tick} … {@link #stopping}), is dequeued when it sleeps or exits ({@link #dequeue}),
 * and leaves with {@link #disable}. A task stays queued while it runs, as in
 * {@code struct sched_class}: the queue holds every runnable task of the CPU.
 *
 * <p>Every hook runs on the simulation's thread with the machine consistent and stopped in
 * time; it must return quickly. The kernel checks the results: see the package documentation.
 * A class has one instance per machine, made with a public no-argument constructor.
 */
public interface SchedClassOps {

    /** @return the class's name, lower case, e.g. {@code "wrr"}: {@code /proc/sched_debug} shows its queues as {@code wrr_rq[N]} */
    String name();

    /**
     * Called once at boot, before any task enters the class ({@code ops.init}): set up per-CPU
     * state here.
     *
     * @param kernel the helpers, to keep for the other hooks
     */
    default void init(SchedKernel kernel) {
    }

    /** @return the smallest weight {@code sched_setweight(2)} accepts (below it: EINVAL) */
    default int minWeight() {
        return 1;
    }

    /** @return the largest weight {@code sched_setweight(2)} accepts (above it: EINVAL) */
    default int maxWeight() {
        return 20;
    }

    /** @return the weight of a task that enters the class from another policy */
    default int defaultWeight() {
        return 10;
    }

    /**
     * A task enters the class ({@code ops.init_task}/{@code ops.enable}, {@code switched_to}):
     * at fork, before its first {@link #selectCpu}, or when its policy changes to this class.
     * The task is neither queued nor running. The kernel has set its weight (inherited at fork,
     * {@link #defaultWeight()} otherwise) and given it the default slice ({@code base_slice_ns});
     * give it another with {@link SchedKernel#setSlice}.
     *
     * @param p the task
     * @param fork whether it is a new task (else it comes from another class)
     */
    default void enable(SchedTask p, boolean fork) {
    }

    /**
     * A task leaves the class ({@code ops.disable}, {@code switched_from}): its policy changed,
     * or it exited (then after its last {@link #dequeue}). It is not queued.
     *
     * @param p the task
     */
    default void disable(SchedTask p) {
    }

    /**
     * Chooses the CPU a task will be queued on ({@code select_task_rq}, {@code ops.select_cpu}).
     * The task is neither queued nor running. Default: its previous CPU if allowed, else the
     * first allowed one.
     *
     * @param p the task
     * @param prevCpu the CPU it last ran on (or its parent's, at fork)
     * @param reason why it is placed
     * @return a CPU the task is allowed on
     */
    default int selectCpu(SchedTask p, int prevCpu, SelectReason reason) {
        if (p.isAllowed(prevCpu)) {
            return prevCpu;
        }
        for (int cpu = 0;; cpu++) {
            if (p.isAllowed(cpu)) {
                return cpu;
            }
        }
    }

    /**
     * Puts a runnable task on the class's queue of a CPU ({@code enqueue_task}). The task is not
     * queued; afterwards it is, and {@link SchedTask#cpu()} is {@code cpu}.
     *
     * @param cpu the CPU
     * @param p the task
     * @param reason {@link QueueReason#NEW}, {@link QueueReason#WAKEUP} or {@link QueueReason#MOVE}
     */
    void enqueue(int cpu, SchedTask p, QueueReason reason);

    /**
     * Takes a task off the class's queue of its CPU ({@code dequeue_task}): it sleeps, exits, or
     * moves. The task is queued on {@code cpu} (and may be running, when it blocks or changes
     * policy).
     *
     * @param cpu the CPU it is queued on
     * @param p the task
     * @param reason {@link QueueReason#SLEEP}, {@link QueueReason#EXIT} or {@link QueueReason#MOVE}
     */
    void dequeue(int cpu, SchedTask p, QueueReason reason);

    /**
     * Chooses the task the CPU runs next ({@code pick_next_task}, {@code ops.dispatch}). Called
     * whenever the CPU reschedules; the task that ran until now (if it is of this class and
     * still runnable) is still queued and may be returned again.
     *
     * @param cpu the CPU
     * @return a task queued on {@code cpu} and allowed there, or {@code null} to let lower
     *         classes (fair, idle) run
     */
    SchedTask pickNext(int cpu);

    /**
     * The task returned by {@link #pickNext} starts running ({@code set_next_task},
     * {@code ops.running}); also when the same task is picked again.
     *
     * @param cpu the CPU
     * @param p the task, queued and now running
     */
    default void running(int cpu, SchedTask p) {
    }

    /**
     * The running task stops running ({@code put_prev_task}, {@code ops.stopping}): it was
     * preempted, yielded, used up its slice or blocks.
     *
     * @param cpu the CPU
     * @param p the task, still marked running
     * @param runnable whether it stays queued (else {@link #dequeue} follows)
     */
    default void stopping(int cpu, SchedTask p, boolean runnable) {
    }

    /**
     * The running task's tick ({@code task_tick}, {@code ops.tick}): at every periodic tick of
     * the CPU while it runs, and exactly when its slice reaches 0. Refill the slice
     * ({@link SchedKernel#setSlice}) and call {@link SchedKernel#resched} to let another task run.
     * If the slice is still used up when this hook returns, the kernel gives the task the
     * default slice ({@code base_slice_ns}) and reschedules the CPU, as sched_ext does when a
     * slice expires; so the default, which does nothing, makes every task run one default slice
     * at a time.
     *
     * @param cpu the CPU
     * @param p the running task
     */
    default void tick(int cpu, SchedTask p) {
    }

    /**
     * A task of this class became runnable on a CPU that runs another task of this class
     * ({@code check_preempt_curr}, {@code wakeup_preempt}).
     *
     * @param cpu the CPU
     * @param curr the running task
     * @param p the task just queued
     * @return whether {@code p} should preempt {@code curr} at once (default: no)
     */
    default boolean preempt(int cpu, SchedTask curr, SchedTask p) {
        return false;
    }

    /**
     * The running task called {@code sched_yield()} ({@code yield_task}, {@code ops.yield});
     * the kernel reschedules after this hook.
     *
     * @param cpu the CPU
     * @param p the running task
     */
    default void yield(int cpu, SchedTask p) {
    }

    /**
     * {@code sched_setweight(2)} changed a task's weight ({@code ops.set_weight}): the kernel has
     * checked it ({@link #minWeight()}…{@link #maxWeight()}) and updated
     * {@link SchedTask#weight()} and its own {@link SchedKernel#totalWeight} already.
     *
     * @param p the task, queued, running or sleeping
     * @param oldWeight its weight before
     */
    default void setWeight(SchedTask p, int oldWeight) {
    }

    /**
     * The CPU is about to pick a task and has none of this class queued while other CPUs have
     * some ({@code balance}, {@code newidle_balance}, {@code ops.dispatch} on an empty local
     * queue): pull work with {@link SchedKernel#migrate}. Called only on a machine with idle
     * balancing on (the default; {@code --no-idle-balance} turns it off).
     *
     * @param cpu the CPU
     */
    default void balanceIdle(int cpu) {
    }

    /**
     * Periodic load balancing across CPUs, once every balance period ({@code --balance-period},
     * {@code balance_period_ns}), on machines of 2 CPUs or more.
     */
    default void balance() {
    }

    /**
     * What the class shows of a CPU's queue ({@code ops.dump_cpu}): for {@code /proc/sched_debug},
     * the IDE's views and the debug dump when the class is disabled.
     *
     * @param cpu the CPU
     * @return the queue, or {@code null} (the default) to show the kernel's list of the CPU's
     *         queued tasks ({@link SchedKernel#queued}) in the order they were enqueued
     */
    default QueueDump dump(int cpu) {
        return null;
    }
}
