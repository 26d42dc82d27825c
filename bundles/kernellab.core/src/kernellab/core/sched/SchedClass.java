package kernellab.core.sched;

/**
 * A scheduling class ({@code struct sched_class}): the hooks the core scheduler calls. Classes
 * are asked in priority order RT &gt; WRR &gt; fair &gt; idle; the first one with a runnable
 * task provides the next task.
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

    /** Adds a runnable task to the class's part of the run queue ({@code enqueue_task}). */
    abstract void enqueueTask(RunQueue rq, Task p, int flags);

    /** Removes a task from the class's part of the run queue ({@code dequeue_task}). */
    abstract void dequeueTask(RunQueue rq, Task p, int flags);

    /** @return the task this class would run next on the CPU, or {@code null} ({@code pick_next_task}) */
    abstract Task pickNextTask(RunQueue rq);

    /** Called when the task picked by {@link #pickNextTask} starts running ({@code set_next_task}). */
    abstract void setNextTask(RunQueue rq, Task p);

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

    /** A task moved into this class ({@code switched_to}). */
    void switchedTo(Task p) {
    }

    /** A queued (not running) task moves from {@code src} to {@code dst} ({@code migrate_task_rq}). */
    void migrateTaskRq(Task p, RunQueue src, RunQueue dst) {
    }

    /** A CPU is about to pick a task and has none of this class: pull work from another CPU ({@code balance}). */
    void idleBalance(RunQueue rq) {
    }

    /** Periodic load balancing across CPUs. */
    void loadBalance() {
    }

    @Override
    public String toString() {
        return name();
    }
}
