package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kernellab.api.Policy;
import kernellab.api.sched.QueueDump;
import kernellab.api.sched.QueueReason;
import kernellab.api.sched.SchedClassError;
import kernellab.api.sched.SchedClassOps;
import kernellab.api.sched.SchedTask;
import kernellab.api.sched.SelectReason;
import kernellab.core.sim.CodeBudget;
import kernellab.core.sim.Event;

/**
 * The scheduling class that serves policy 7 ({@code kernel/sched/ext.c}): the kernel's side of
 * a {@link SchedClassOps} written against the public API, the built-in reference or a
 * student's. It sits between the real-time and the fair class and turns the core's
 * {@code sched_class} calls into the class's hooks, keeping its own account of which tasks are
 * queued where ({@link ExtRunQueue}) so that it can check every answer.
 *
 * <p>As sched_ext does, it never trusts the class: a hook that throws, an answer that breaks a
 * rule ({@link #pickNextTask} of a task not queued on that CPU or not allowed there, a CPU the
 * task may not run on, a slice ≤ 0), a call to {@code error()}, or a runnable task not picked
 * for longer than the watchdog timeout disables the class ({@link #disable}): the kernel logs
 * the reason and a debug dump, stops calling the class and moves its tasks to the fair class.
 */
final class ExtSchedClass extends SchedClass {

    final SchedClassOps ops;
    final String opsName;
    final ExtKernel kernel;
    private final boolean switchAll;
    private boolean enabled = true;
    private ExtExit exit;
    /** Tasks queued on all CPUs. */
    long nrQueued;
    private final long stallTimeoutNs;
    /** The real-time budget of a hook; 0 for a class whose code cannot be stopped (not rewritten to check). */
    private final long hookBudgetNanos;
    /** Calls into the class in progress: hooks may call helpers that call hooks (a migration in a balance). */
    private int depth;
    private final Event watchdog;
    private final Event disableWork;

    ExtSchedClass(Scheduler scheduler, SchedClassOps ops, Map<String, String> params) {
        super(scheduler, 1);
        this.ops = ops;
        this.opsName = checkedName(ops);
        this.kernel = new ExtKernel(this, params);
        this.switchAll = scheduler.config.schedClassReplacesFair();
        this.stallTimeoutNs = scheduler.config.schedWatchdogNs();
        this.hookBudgetNanos = CodeBudget.stops(ops.getClass())
                ? scheduler.config.watchdogMillis() * 1_000_000L : 0;
        this.watchdog = new Event() {
            @Override
            protected void fire() {
                checkStalls();
            }
        };
        this.disableWork = new Event() {
            @Override
            protected void fire() {
                scheduler.syscalls().leaveClass(ExtSchedClass.this);
            }
        };
    }

    /** {@code scx_ops_enable}: checks the class's answers that do not depend on a task, then calls its init. */
    void init() {
        int min;
        int max;
        int dfl;
        try {
            min = ops.minWeight();
            max = ops.maxWeight();
            dfl = ops.defaultWeight();
        } catch (Throwable e) {
            hookFailed("minWeight/maxWeight/defaultWeight", e);
            return;
        }
        if (min < 1 || min > dfl || dfl > max) {
            invalid("weights must satisfy 1 <= minWeight <= defaultWeight <= maxWeight, got " + min + ", " + dfl + ", "
                    + max);
            return;
        }
        kernel.setWeights(min, max, dfl);
        try {
            enter();
            ops.init(kernel);
        } catch (Throwable e) {
            hookFailed("init", e);
        } finally {
            leave();
        }
    }

    private static String checkedName(SchedClassOps ops) {
        String name;
        try {
            name = ops.name();
        } catch (Throwable e) {
            throw new IllegalArgumentException(ops.getClass().getName() + ".name() threw " + e, e);
        }
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,15}")) {
            throw new IllegalArgumentException(ops.getClass().getName() + ".name() must be 1 to 16 lower-case letters, digits"
                    + " or '_', starting with a letter; it returned " + (name == null ? "null" : "\"" + name + "\""));
        }
        if (List.of("rt", "cfs", "fair", "dl", "idle", "stop").contains(name)) {
            throw new IllegalArgumentException(ops.getClass().getName() + ".name() returned \"" + name
                    + "\", the name of a built-in class: choose another");
        }
        return name;
    }

    @Override
    public String name() {
        return opsName;
    }

    /** @return how it was disabled, or {@code null} while enabled */
    ExtExit exit() {
        return exit;
    }

    @Override
    boolean serves(Policy policy) {
        return enabled && (policy == Policy.SCHED_WRR || switchAll && policy.isFair());
    }

    // ------------------------------------------------------------------ sched_class

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        ExtEntity e = p.scx;
        rq.ext.add(e);
        if (nrQueued++ == 0 && enabled && stallTimeoutNs > 0 && !watchdog.isScheduled()) {
            scheduler.engine.schedule(watchdog, scheduler.engine.now() + stallTimeoutNs / 2);
        }
        if (!p.onCpu) {
            e.runnableAt = scheduler.engine.now();
        }
        if (!enabled) {
            return;
        }
        QueueReason reason = flags == 0 ? QueueReason.NEW
                : (flags & FLAG_MOVE) != 0 ? QueueReason.MOVE : QueueReason.WAKEUP;
        try {
            enter();
            ops.enqueue(rq.cpu, e, reason);
        } catch (Throwable x) {
            hookFailed("enqueue", x);
        } finally {
            leave();
        }
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        ExtEntity e = p.scx;
        if (enabled && p.onCpu && rq.curr == p) {
            try {
                enter();
                ops.stopping(rq.cpu, e, (flags & FLAG_MOVE) != 0);
            } catch (Throwable x) {
                hookFailed("stopping", x);
            } finally {
                leave();
            }
        }
        rq.ext.remove(e);
        nrQueued--;
        if (enabled) {
            QueueReason reason = (flags & FLAG_MOVE) != 0 ? QueueReason.MOVE
                    : p.exitTime >= 0 ? QueueReason.EXIT : QueueReason.SLEEP;
            try {
                enter();
                ops.dequeue(rq.cpu, e, reason);
            } catch (Throwable x) {
                hookFailed("dequeue", x);
            } finally {
                leave();
            }
        }
        if (p.exitTime >= 0) {
            disableTask(e);
        }
    }

    /**
     * Asks the class and checks the answer: a task of this class, queued on this CPU and allowed
     * there, or {@code null}.
     */
    @Override
    Task pickNextTask(RunQueue rq) {
        if (!enabled || rq.ext.nrRunning == 0) {
            return null;
        }
        SchedTask picked;
        try {
            enter();
            picked = ops.pickNext(rq.cpu);
        } catch (Throwable x) {
            hookFailed("pickNext", x);
            return null;
        } finally {
            leave();
        }
        if (picked == null) {
            return null;
        }
        if (!(picked instanceof ExtEntity e)) {
            invalid("pickNext(" + rq.cpu + ") returned " + picked + ", which is not a task of this machine");
            return null;
        }
        if (e.queue != rq.ext) {
            invalid("pickNext(" + rq.cpu + ") returned " + e + ", which is " + (e.queue == null ? "not queued"
                    : "queued on CPU " + e.task.cpu + ", not on CPU " + rq.cpu));
            return null;
        }
        if (!e.isAllowed(rq.cpu)) {
            invalid("pickNext(" + rq.cpu + ") returned " + e + ", which is not allowed on CPU " + rq.cpu);
            return null;
        }
        return e.task;
    }

    /** Arms the CPU's slice timer for the rest of the slice ({@code hrtick_start}), then tells the class. */
    @Override
    void setNextTask(RunQueue rq, Task p, boolean first) {
        scheduler.engine.schedule(rq.sliceTimer, scheduler.engine.now() + Math.max(0, p.scx.slice));
        if (!enabled) {
            return;
        }
        try {
            enter();
            ops.running(rq.cpu, p.scx);
        } catch (Throwable x) {
            hookFailed("running", x);
        } finally {
            leave();
        }
    }

    @Override
    void putPrevTask(RunQueue rq, Task p) {
        p.scx.runnableAt = scheduler.engine.now();
        if (!enabled) {
            return;
        }
        try {
            enter();
            ops.stopping(rq.cpu, p.scx, true);
        } catch (Throwable x) {
            hookFailed("stopping", x);
        } finally {
            leave();
        }
    }

    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        curr.scx.slice -= delta;
    }

    @Override
    boolean hasHrtick() {
        return true;
    }

    /**
     * At each tick and when the slice timer fires: the class's tick; a slice still used up
     * afterwards is refilled with the default slice and the CPU reschedules, as sched_ext does
     * when a slice expires.
     */
    @Override
    void taskTick(RunQueue rq, Task curr) {
        ExtEntity e = curr.scx;
        if (enabled) {
            try {
                enter();
                ops.tick(rq.cpu, e);
            } catch (Throwable x) {
                hookFailed("tick", x);
            } finally {
                leave();
            }
        }
        if (e.slice <= 0) {
            kernel.setSliceUnchecked(e, kernel.defaultSlice());
            scheduler.resched(rq);
        }
    }

    /** Asks the class for a CPU and checks it: a CPU of the machine the task is allowed on. */
    @Override
    int selectTaskRq(Task p, int prevCpu, int context) {
        ExtEntity e = p.scx;
        if (context == SELECT_FORK) {
            enableTask(e, true);
        }
        int fallback = e.isAllowed(prevCpu) ? prevCpu : p.cpusAllowed.nextSetBit(0);
        if (!enabled) {
            return fallback;
        }
        SelectReason reason = context == SELECT_FORK ? SelectReason.FORK
                : context == SELECT_WAKEUP ? SelectReason.WAKEUP : SelectReason.CHANGE;
        int cpu;
        try {
            enter();
            cpu = ops.selectCpu(e, prevCpu, reason);
        } catch (Throwable x) {
            hookFailed("selectCpu", x);
            return fallback;
        } finally {
            leave();
        }
        if (cpu < 0 || cpu >= scheduler.nrCpus || !e.isAllowed(cpu)) {
            invalid("selectCpu(" + e + ", " + prevCpu + ", " + reason + ") returned CPU " + cpu + ", which "
                    + (cpu < 0 || cpu >= scheduler.nrCpus ? "the machine does not have (CPUs 0 to " + (scheduler.nrCpus - 1)
                            + ")" : "the task is not allowed on"));
            return fallback;
        }
        return cpu;
    }

    @Override
    void checkPreemptCurr(RunQueue rq, Task p) {
        if (!enabled) {
            return;
        }
        try {
            enter();
            if (ops.preempt(rq.cpu, rq.curr.scx, p.scx)) {
                scheduler.resched(rq);
            }
        } catch (Throwable x) {
            hookFailed("preempt", x);
        } finally {
            leave();
        }
    }

    @Override
    void yieldTask(RunQueue rq) {
        if (!enabled) {
            return;
        }
        try {
            enter();
            ops.yield(rq.cpu, rq.curr.scx);
        } catch (Throwable x) {
            hookFailed("yield", x);
        } finally {
            leave();
        }
    }

    /** A task entering from another class gets the class's default weight and the default slice. */
    @Override
    void switchedTo(Task p) {
        p.scx.weight = kernel.defaultWeight();
        enableTask(p.scx, false);
    }

    @Override
    void switchedFrom(Task p) {
        disableTask(p.scx);
    }

    @Override
    boolean placesOnSwitch() {
        return true;
    }

    @Override
    void taskExit(Task p) {
        if (!p.onRq) {
            disableTask(p.scx);
        }
    }

    @Override
    void enterAtLaunch(Task p) {
        p.scx.weight = kernel.defaultWeight();
    }

    private void enableTask(ExtEntity e, boolean fork) {
        e.slice = kernel.defaultSlice();
        e.enabled = true;
        if (!enabled) {
            return;
        }
        try {
            enter();
            ops.enable(e, fork);
        } catch (Throwable x) {
            hookFailed("enable", x);
        } finally {
            leave();
        }
    }

    private void disableTask(ExtEntity e) {
        if (!e.enabled) {
            return;
        }
        e.enabled = false;
        if (enabled) {
            try {
                enter();
                ops.disable(e);
            } catch (Throwable x) {
                hookFailed("disable", x);
            } finally {
                leave();
            }
        }
        e.data = null;
    }

    @Override
    boolean hasWeights() {
        return true;
    }

    @Override
    int minWeight() {
        return kernel.minWeight();
    }

    @Override
    int maxWeight() {
        return kernel.maxWeight();
    }

    /** {@code sched_setweight}: the kernel's total follows at once, the class is told after. */
    @Override
    void setWeight(Task p, int weight) {
        ExtEntity e = p.scx;
        int old = e.weight;
        if (e.queue != null) {
            e.queue.totalWeight += weight - old;
        }
        e.weight = weight;
        if (!enabled) {
            return;
        }
        try {
            enter();
            ops.setWeight(e, old);
        } catch (Throwable x) {
            hookFailed("setWeight", x);
        } finally {
            leave();
        }
    }

    /** Idle balance: a CPU with none of the class's tasks, while other CPUs have some, asks the class to pull. */
    @Override
    void balance(RunQueue rq, Task prev) {
        if (!enabled || !scheduler.config.idleBalance() || rq.ext.nrRunning != 0 || nrQueued == 0
                || scheduler.nrCpus < 2) {
            return;
        }
        try {
            enter();
            ops.balanceIdle(rq.cpu);
        } catch (Throwable x) {
            hookFailed("balanceIdle", x);
        } finally {
            leave();
        }
    }

    @Override
    void periodicBalance() {
        if (!enabled) {
            return;
        }
        try {
            enter();
            ops.balance();
        } catch (Throwable x) {
            hookFailed("balance", x);
        } finally {
            leave();
        }
    }

    @Override
    void sysctls(Map<String, Long> out) {
        out.put("sysctl_sched_" + opsName + "_base_slice", kernel.defaultSlice());
    }

    /**
     * The CPU's queue as the class shows it (its {@code dump}), or the kernel's list when it shows
     * none, is disabled or its code is held in a debugger ({@link Scheduler#holdClassCode}).
     */
    @Override
    ClassQueue queue(RunQueue rq) {
        List<Task> tasks = null;
        List<ClassQueue.Figure> figures = new ArrayList<>();
        figures.add(new ClassQueue.Figure("total_weight", rq.ext.totalWeight));
        if (enabled && !scheduler.classCodeHeld) {
            try {
                enter();
                QueueDump d = ops.dump(rq.cpu);
                if (d != null) {
                    tasks = dumpedTasks(rq, d);
                    if (tasks != null) {
                        d.figures().forEach(f -> figures.add(new ClassQueue.Figure(f.name(), f.value())));
                    }
                }
            } catch (Throwable x) {
                hookFailed("dump", x);
            } finally {
                leave();
            }
        }
        return new ClassQueue(opsName, rq.ext.nrRunning, figures, tasks == null ? rq.ext.tasks() : tasks);
    }

    private List<Task> dumpedTasks(RunQueue rq, QueueDump d) {
        List<Task> tasks = new ArrayList<>(d.tasks().size());
        for (SchedTask t : d.tasks()) {
            if (!(t instanceof ExtEntity e) || e.queue != rq.ext) {
                invalid("dump(" + rq.cpu + ") lists " + t + ", which is not queued on CPU " + rq.cpu);
                return null;
            }
            tasks.add(e.task);
        }
        return tasks;
    }

    // ------------------------------------------------------------------ safety

    /**
     * The stall watchdog ({@code scx_watchdog_workfn}), every half timeout while tasks are
     * queued: a task queued and not running for longer than the timeout disables the class. A
     * CPU that runs a task of a higher class (real time) is not the class's fault: its waiting
     * tasks' clocks restart.
     */
    private void checkStalls() {
        long now = scheduler.engine.now();
        for (RunQueue rq : scheduler.rqs) {
            boolean higher = rq.curr.schedClass.rank < rank;
            for (ExtEntity e = rq.ext.head; e != null; e = e.next) {
                if (e.task.onCpu) {
                    continue;
                }
                if (higher) {
                    e.runnableAt = now;
                } else if (now - e.runnableAt > stallTimeoutNs) {
                    disable(ExtExitKind.STALL, e + " was runnable on CPU " + rq.cpu + " for "
                            + ExtDump.millis(now - e.runnableAt) + " without being picked (watchdog timeout "
                            + ExtDump.millis(stallTimeoutNs) + ")", null);
                    return;
                }
            }
        }
        if (nrQueued > 0 && enabled) {
            scheduler.engine.schedule(watchdog, now + stallTimeoutNs / 2);
        }
    }

    /**
     * Before a call into the class: arms the real-time budget of the class's code
     * ({@link CodeBudget}, the machine's watchdog limit, off under a debugger) on the outermost
     * call; a hook that runs longer throws in its own frame and the class is disabled.
     */
    private void enter() {
        if (hookBudgetNanos > 0 && depth++ == 0) {
            CodeBudget.arm(hookBudgetNanos);
        }
    }

    private void leave() {
        if (hookBudgetNanos > 0 && --depth == 0) {
            CodeBudget.disarm();
        }
    }

    private void hookFailed(String hook, Throwable x) {
        if (x instanceof CodeBudget.BudgetExceeded) {
            disable(ExtExitKind.HOOK_TIMEOUT, hook + "() " + x.getMessage(), x);
        } else if (x instanceof SchedClassError) {
            disable(ExtExitKind.CLASS_ERROR, x.getMessage(), x);
        } else {
            disable(ExtExitKind.HOOK_EXCEPTION, hook + "() threw " + x, x);
        }
    }

    private void invalid(String message) {
        disable(ExtExitKind.INVALID_RESULT, message, null);
    }

    /**
     * {@code scx_ops_error} + {@code scx_ops_disable_workfn}: stops calling the class at once,
     * logs the reason and the dump, and moves the class's tasks to the fair class in an event at
     * the same simulated time (the core may be in the middle of a pick or an enqueue now).
     *
     * @param kind why
     * @param message what went wrong
     * @param cause the exception of the class, or {@code null}
     */
    void disable(ExtExitKind kind, String message, Throwable cause) {
        if (!enabled) {
            return;
        }
        enabled = false;
        int cpu = scheduler.currentCpu;
        List<String> dump = ExtDump.render(this, kind, message, cause, cpu);
        exit = new ExtExit(opsName, kind, message, scheduler.engine.now(), cpu, dump);
        ExtDump.log(this, exit);
        scheduler.engine.cancel(watchdog);
        scheduler.engine.schedule(disableWork, scheduler.engine.now());
    }
}
