package kernellab.core.sched;

import java.util.Map;

import kernellab.api.Policy;

/**
 * A scheduling class ({@code struct sched_class}): the hooks the core scheduler calls. Classes
 * are asked in priority order RT &gt; the class of policy 7 (SCHED_WRR) &gt; fair &gt; idle;
 * the first one with a runnable task provides the next task. The core loops over them and names
 * none: what is particular to a class (its weights, its slice timer, its balancing) is behind a
 * hook here.
 */
public abstract class SchedClass {

    /** Flag for enqueue/dequeue: the task wakes up or goes to sleep. */
    static final int FLAG_SLEEP_WAKEUP = 1;
    /** Flag for enqueue/dequeue: the task is only moved (migration, attribute change). */
    static final int FLAG_MOVE = 2;

    /** Selection context: a fork. */
    static final int SELECT_FORK = 1;
    /** Selection context: a wake-up. */
    static final int SELECT_WAKEUP = 2;
    /** Selection context: a policy change or affinity change. */
    static final int SELECT_CHANGE = 3;

    final Scheduler scheduler;
    final int rank;

    SchedClass(Scheduler scheduler, int rank) {
        this.scheduler = scheduler;
        this.rank = rank;
    }

    /** @return the class name, e.g. {@code "wrr"} */
    public abstract String name();

    /**
     * @param policy a policy
     * @return whether this class schedules tasks of that policy now (the first class in
     *         priority order that does gets them)
     */
    abstract boolean serves(Policy policy);

    /** Adds a runnable task to the class's part of the run queue ({@code enqueue_task}). */
    abstract void enqueueTask(RunQueue rq, Task p, int flags);

    /** Removes a task from the class's part of the run queue ({@code dequeue_task}). */
    abstract void dequeueTask(RunQueue rq, Task p, int flags);

    /** @return the task this class would run next on the CPU, or {@code null} ({@code pick_next_task}) */
    abstract Task pickNextTask(RunQueue rq);

    /**
     * Called when a task becomes the running one ({@code set_next_task}).
     *
     * @param first {@code true} when {@link #pickNextTask} picked it, {@code false} when a running
     *        task is set again after a change of its attributes
     */
    abstract void setNextTask(RunQueue rq, Task p, boolean first);

    /** Called when the running task stops running and stays runnable or not ({@code put_prev_task}). */
    abstract void putPrevTask(RunQueue rq, Task p);

    /** Charges {@code delta} ns of runtime to the running task ({@code update_curr}). */
    abstract void updateCurr(RunQueue rq, Task curr, long delta);

    /** Periodic tick with the task running ({@code task_tick}); may request a reschedule. */
    abstract void taskTick(RunQueue rq, Task curr);

    /** @return the CPU for a waking, new or changed task ({@code select_task_rq}) */
    abstract int selectTaskRq(Task p, int prevCpu, int context);

    /** A task of this class became runnable on a CPU running a task of the same class ({@code check_preempt_curr}). */
    abstract void checkPreemptCurr(RunQueue rq, Task p);

    /** The running task called sched_yield ({@code yield_task}). */
    abstract void yieldTask(RunQueue rq);

    /** Sets up a new task's class state at fork ({@code task_fork}). */
    void taskFork(Task p, Task parent) {
    }

    /**
     * A woken or new task was queued on {@code rq} and the preemption check is done
     * ({@code task_woken}, from {@code ttwu_do_activate} and {@code wake_up_new_task}).
     */
    void taskWoken(RunQueue rq, Task p) {
    }

    /**
     * The priority of a task that stays in this class changed ({@code prio_changed}); it is queued
     * again, and running if it was. Work queued with {@link Scheduler#queueBalanceCallback} runs
     * after the change, as {@code __sched_setscheduler} runs {@code balance_callbacks}.
     */
    void prioChanged(RunQueue rq, Task p, int oldPrio) {
    }

    /** The task's allowed CPUs changed ({@code set_cpus_allowed}); it may be queued or running on {@code rq}. */
    void setCpusAllowed(RunQueue rq, Task p) {
    }

    /** A task moved into this class from another ({@code switched_to}); it is neither queued nor running. */
    void switchedTo(Task p) {
    }

    /** A task leaves this class for another ({@code switched_from}); it is neither queued nor running. */
    void switchedFrom(Task p) {
    }

    /** @return whether a task that enters this class by a policy change is placed again with {@link #selectTaskRq} */
    boolean placesOnSwitch() {
        return false;
    }

    /** A task launched into this class rather than its parent's (a shell's fork then sched_setscheduler). */
    void enterAtLaunch(Task p) {
    }

    /** The task is exiting ({@code do_exit}); a running task stays queued until its last schedule. */
    void taskExit(Task p) {
    }

    /** @return whether the running task's slice ends with the CPU's slice timer ({@code hrtick}), which calls {@link #taskTick} */
    boolean hasHrtick() {
        return false;
    }

    /** @return whether a nice change re-weights a queued task, which is then queued again ({@code reweight_task}) */
    boolean reweightsOnNice() {
        return false;
    }

    /** @return whether the class's tasks have a weight set with {@code sched_setweight} */
    boolean hasWeights() {
        return false;
    }

    /** @return the smallest weight {@code sched_setweight} accepts, when {@link #hasWeights()} */
    int minWeight() {
        throw new UnsupportedOperationException(name() + " has no weights");
    }

    /** @return the largest weight {@code sched_setweight} accepts, when {@link #hasWeights()} */
    int maxWeight() {
        throw new UnsupportedOperationException(name() + " has no weights");
    }

    /** {@code sched_setweight} of a task of this class, after the checks. */
    void setWeight(Task p, int weight) {
        throw new UnsupportedOperationException(name() + " has no weights");
    }

    /** Adds the class's tunables, name to value in ns, for {@code /proc/sched_debug}. */
    void sysctls(Map<String, Long> out) {
    }

    /** @return the class's part of the run queue, as data; {@code null} for a class without queue (idle) */
    abstract ClassQueue queue(RunQueue rq);

    /** A queued (not running) task moves from {@code src} to {@code dst} ({@code migrate_task_rq}). */
    void migrateTaskRq(Task p, RunQueue src, RunQueue dst) {
    }

    /**
     * A CPU is about to pick a task: pull work from other CPUs if the class has none here
     * ({@code balance}, new-idle balance).
     *
     * @param prev the task that ran, already put back (or dequeued if it blocked); the idle task
     */
    void balance(RunQueue rq, Task prev) {
    }

    /** Periodic load balancing across CPUs, once per balance period. */
    void periodicBalance() {
    }

    @Override
    public String toString() {
        return name();
    }
}
