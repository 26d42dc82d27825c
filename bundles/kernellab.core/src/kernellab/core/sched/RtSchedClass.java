package kernellab.core.sched;

import java.util.BitSet;
import java.util.List;

import kernellab.api.Policy;
import kernellab.api.LogLevel;
import kernellab.core.sim.Event;
import kernellab.core.trace.SchedTracepoints;

/**
 * The real-time class ({@code kernel/sched/rt.c}): SCHED_FIFO and SCHED_RR, priorities 1–99,
 * always before WRR and fair tasks. A SCHED_RR task has a slice of
 * {@code sched_rr_timeslice_ms} (100 ms, {@code RR_TIMESLICE}); SCHED_FIFO runs until it blocks
 * or yields. A waking task of higher priority preempts at once.
 *
 * <p>Global scheduling over the CPUs, as the kernel's push/pull: a waking or new task goes to the
 * lowest-priority CPU when its own CPU runs an RT task it would not preempt
 * ({@code select_task_rq_rt} with {@link Cpupri}); a queued task that does not run is pushed to
 * a CPU running something of lower priority after every switch and wake-up
 * ({@code push_rt_tasks}); a CPU whose RT priority drops pulls the highest waiting task it may
 * run from the overloaded CPUs ({@code pull_rt_task}). So the M highest-priority runnable RT
 * tasks run on M CPUs whenever their affinities allow.
 *
 * <p>RT throttling ({@code sched_rt_runtime_us}/{@code sched_rt_period_us}, 950 ms per
 * 1000 ms by default, see {@link RtSysctls}): once the RT tasks of a CPU have run for more than
 * the runtime within a period, RT tasks on that CPU are not picked until the period timer gives
 * the budget back, leaving the rest of the period to the other classes. The timer starts at the
 * first RT enqueue ({@code start_rt_bandwidth}), not at boot, and stops when no CPU has RT work.
 */
final class RtSchedClass extends SchedClass {

    private final RtSysctls sysctls;
    private final Event periodTimer;
    /** {@code rt_b->rt_period_active}. */
    private boolean periodActive;
    private boolean throttlingReported;
    private final Cpupri cpupri;
    /** The root domain's {@code rto_mask}: the overloaded CPUs. */
    private final BitSet rtoMask = new BitSet();
    /** {@code local_cpu_mask}: what {@code find_lowest_rq} fills in. */
    private final BitSet lowestMask = new BitSet();
    /** Per CPU, the last CPU {@code cpumask_any_and_distribute} chose there ({@code distribute_cpu_mask_prev}). */
    private final int[] distributePrev;
    private final BalanceCallback[] pushHead;
    private final BalanceCallback[] pullHead;

    RtSchedClass(Scheduler scheduler, RtSysctls sysctls) {
        super(scheduler, 0);
        this.sysctls = sysctls;
        this.periodTimer = new Event() {
            @Override
            protected void fire() {
                periodTimer();
            }
        };
        int n = scheduler.nrCpus;
        this.cpupri = new Cpupri(n);
        this.distributePrev = new int[n];
        this.pushHead = new BalanceCallback[n];
        this.pullHead = new BalanceCallback[n];
        for (int cpu = 0; cpu < n; cpu++) {
            pushHead[cpu] = new BalanceCallback() {
                @Override
                void run(RunQueue rq) {
                    pushRtTasks(rq);
                }
            };
            pullHead[cpu] = new BalanceCallback() {
                @Override
                void run(RunQueue rq) {
                    pullRtTask(rq, true);
                }
            };
        }
    }

    @Override
    public String name() {
        return "rt";
    }

    @Override
    boolean serves(Policy policy) {
        return policy.isRealTime();
    }

    /** Highest priority first; figures {@code rt_throttled} (0 or 1) and {@code rt_time}. */
    @Override
    ClassQueue queue(RunQueue rq) {
        return new ClassQueue("rt", rq.rt.nrRunning, List.of(new ClassQueue.Figure("rt_throttled", rq.rt.throttled ? 1 : 0),
                new ClassQueue.Figure("rt_time", rq.rt.rtTime)), rq.rt.tasks());
    }

    /** {@code enqueue_task_rt}: a queued task that does not run and may move is pushable; starts the bandwidth timer. */
    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        rq.rt.addTail(p);
        if (rq.curr != p && nrCpusAllowed(p) > 1) {
            enqueuePushable(rq, p);
        }
        cpupri.set(rq.cpu, rq.rt.highestPrio());
        startRtBandwidth();
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        rq.rt.remove(p);
        dequeuePushable(rq, p);
        cpupri.set(rq.cpu, rq.rt.highestPrio());
    }

    @Override
    Task pickNextTask(RunQueue rq) {
        if (rq.rt.throttled) {
            return null;
        }
        int prio = rq.rt.firstPrio();
        return prio < 0 ? null : rq.rt.heads[prio];
    }

    /** {@code set_next_task_rt}: the running task is not pushable; once picked, the others may be pushed away ({@code rt_queue_push_tasks}). */
    @Override
    void setNextTask(RunQueue rq, Task p, boolean first) {
        dequeuePushable(rq, p);
        if (first && rq.rt.overloaded) {
            scheduler.queueBalanceCallback(rq, pushHead[rq.cpu]);
        }
    }

    /** {@code put_prev_task_rt}: a preempted task that may move becomes pushable. */
    @Override
    void putPrevTask(RunQueue rq, Task p) {
        if (p.rt.onRtRq && nrCpusAllowed(p) > 1) {
            enqueuePushable(rq, p);
        }
    }

    /** Charges runtime to the RR slice and to the CPU's RT bandwidth ({@code update_curr_rt}); throttles when the budget is used up. */
    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        if (curr.policy == Policy.SCHED_RR) {
            curr.rt.timeSlice -= delta;
        }
        if (sysctls.rtRuntimeNs() < 0) {
            return;
        }
        rq.rt.rtTime += delta;
        if (rtRuntimeExceeded(rq)) {
            scheduler.resched(rq);
            startRtBandwidth();
        }
    }

    /**
     * {@code sched_rt_runtime_exceeded}: more than the runtime used in this period throttles the
     * CPU's RT tasks (never when the runtime is the whole period); the first time, the kernel log
     * says so.
     */
    private boolean rtRuntimeExceeded(RunQueue rq) {
        if (rq.rt.throttled) {
            return true;
        }
        long runtime = sysctls.rtRuntimeNs();
        if (runtime >= sysctls.rtPeriodNs() || rq.rt.rtTime <= runtime) {
            return false;
        }
        rq.rt.throttled = true;
        if (!throttlingReported) {
            throttlingReported = true;
            scheduler.log.printk(LogLevel.KERN_WARNING, "sched: RT throttling activated");
        }
        return true;
    }

    /** A SCHED_RR task whose slice is used up gets a new one and goes behind tasks of equal priority. */
    @Override
    void taskTick(RunQueue rq, Task curr) {
        if (curr.policy != Policy.SCHED_RR || curr.rt.timeSlice > 0) {
            return;
        }
        long slice = sysctls.rrTimesliceNs();
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_SLICE_EXPIRE)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_SLICE_EXPIRE, rq.cpu).field("comm", curr.comm)
                    .field("pid", curr.pid).field("policy", "SCHED_RR").field("weight", 0)
                    .field("slice_ms", slice / 1_000_000).emit();
        }
        curr.rt.timeSlice = slice;
        if (rq.rt.moveToTail(curr)) {
            scheduler.resched(rq);
        }
    }

    /**
     * {@code select_task_rq_rt}, for a wake-up or a new task: it stays on its CPU unless that CPU
     * runs an RT task of equal or higher priority (or one bound to that CPU); then it goes to the
     * CPU {@link #findLowestRq} finds, if that one's highest RT priority is below the task's. A
     * task allowed on one CPU goes there ({@code select_task_rq}). After an affinity change that
     * excludes its CPU, the next allowed CPU in turn ({@code cpumask_any_and_distribute}, as
     * {@code affine_move_task}).
     */
    @Override
    int selectTaskRq(Task p, int prevCpu, int context) {
        if (nrCpusAllowed(p) == 1) {
            return p.cpusAllowed.nextSetBit(0);
        }
        int cpu = prevCpu;
        if (context == SELECT_CHANGE) {
            return p.cpusAllowed.get(cpu) ? cpu : distribute(p.cpusAllowed, scheduler.currentCpu);
        }
        Task curr = scheduler.rqs[cpu].curr;
        if (curr.schedClass == this && (nrCpusAllowed(curr) < 2 || curr.prio <= p.prio)) {
            int target = findLowestRq(p);
            if (target != -1 && p.prio < scheduler.rqs[target].rt.highestPrio()) {
                cpu = target;
            }
        }
        return p.cpusAllowed.get(cpu) ? cpu : p.cpusAllowed.nextSetBit(0);
    }

    /**
     * {@code find_lowest_rq}: among the allowed CPUs of the lowest {@link Cpupri} level below the
     * task, its own CPU (cache-hot), else the CPU doing the search, else the next one in turn
     * after the one last chosen from this CPU ({@code cpumask_any_and_distribute}; the machine
     * is one scheduling domain).
     *
     * @return the CPU, or −1 if there is none or the task may run on one CPU only
     */
    private int findLowestRq(Task task) {
        if (nrCpusAllowed(task) == 1 || !cpupri.find(task, lowestMask)) {
            return -1;
        }
        if (lowestMask.get(task.cpu)) {
            return task.cpu;
        }
        int thisCpu = scheduler.currentCpu;
        if (lowestMask.get(thisCpu)) {
            return thisCpu;
        }
        return distribute(lowestMask, thisCpu);
    }

    /** {@code cpumask_any_and_distribute}: the next CPU of the mask after the last one chosen on {@code thisCpu}, wrapping. */
    private int distribute(BitSet mask, int thisCpu) {
        int next = mask.nextSetBit(distributePrev[thisCpu] + 1);
        if (next < 0 || next >= scheduler.nrCpus) {
            next = mask.nextSetBit(0);
        }
        if (next >= 0) {
            distributePrev[thisCpu] = next;
        }
        return next;
    }

    @Override
    void checkPreemptCurr(RunQueue rq, Task p) {
        if (p.prio < rq.curr.prio) {
            scheduler.resched(rq);
        }
    }

    /**
     * {@code task_woken_rt}: a woken task that does not preempt an RT task of equal or higher
     * priority (or one bound to the CPU) is pushed at once, with the CPU's other pushable tasks.
     */
    @Override
    void taskWoken(RunQueue rq, Task p) {
        Task curr = rq.curr;
        if (curr != p && !rq.needResched && nrCpusAllowed(p) > 1 && curr.schedClass == this
                && (nrCpusAllowed(curr) < 2 || curr.prio <= p.prio)) {
            pushRtTasks(rq);
        }
    }

    /**
     * A new affinity makes a queued task that does not run pushable or not, as the dequeue and
     * enqueue around {@code set_cpus_allowed_common} do; it keeps its place in its FIFO
     * ({@code DEQUEUE_SAVE} without {@code DEQUEUE_MOVE}).
     */
    @Override
    void setCpusAllowed(RunQueue rq, Task p) {
        if (!p.rt.onRtRq || rq.curr == p) {
            return;
        }
        if (nrCpusAllowed(p) > 1) {
            enqueuePushable(rq, p);
        } else {
            dequeuePushable(rq, p);
        }
    }

    /** {@code switched_to_rt}: a queued task that does not run may make the CPU push. */
    @Override
    void switchedTo(Task p) {
        RunQueue rq = scheduler.rqs[p.cpu];
        if (rq.curr != p && p.state == TaskState.RUNNING && nrCpusAllowed(p) > 1) {
            scheduler.queueBalanceCallback(rq, pushHead[rq.cpu]);
        }
    }

    /** {@code switched_from_rt}: the CPU's last RT task left the class; the CPU pulls. */
    @Override
    void switchedFrom(Task p) {
        RunQueue rq = scheduler.rqs[p.cpu];
        if (p.state == TaskState.RUNNING && rq.rt.nrRunning == 0) {
            scheduler.queueBalanceCallback(rq, pullHead[rq.cpu]);
        }
    }

    /** {@code prio_changed_rt}: a running task whose priority drops makes its CPU pull. */
    @Override
    void prioChanged(RunQueue rq, Task p, int oldPrio) {
        if (p.onRq && rq.curr == p && oldPrio < p.prio) {
            scheduler.queueBalanceCallback(rq, pullHead[rq.cpu]);
        }
    }

    /**
     * {@code balance_rt}: the previous task left the RT queue (it blocked or exited) and what is
     * left here has a lower priority than it had, so the CPU pulls before it picks.
     */
    @Override
    void balance(RunQueue rq, Task prev) {
        if (!prev.rt.onRtRq && rq.rt.highestPrio() > prev.prio) {
            pullRtTask(rq, false);
        }
    }

    @Override
    void yieldTask(RunQueue rq) {
        rq.rt.moveToTail(rq.curr);
    }

    @Override
    void taskFork(Task p, Task parent) {
        p.rt.timeSlice = sysctls.rrTimesliceNs();
    }

    // ------------------------------------------------------------------ push and pull

    /** {@code push_rt_tasks}. */
    private void pushRtTasks(RunQueue rq) {
        while (pushRtTask(rq)) {
            // each round moves one task
        }
    }

    /**
     * {@code push_rt_task}: moves the highest-priority pushable task to the CPU
     * {@link #findLowestRq} finds, if that CPU's highest RT priority is below it; a pushable task
     * of higher priority than the running one only reschedules this CPU.
     *
     * @return whether a task moved
     */
    private boolean pushRtTask(RunQueue rq) {
        if (!rq.rt.overloaded) {
            return false;
        }
        Task next = rq.rt.firstPushable();
        if (next.prio < rq.curr.prio) {
            scheduler.resched(rq);
            return false;
        }
        int cpu = findLowestRq(next);
        if (cpu == -1 || cpu == rq.cpu || scheduler.rqs[cpu].rt.highestPrio() <= next.prio) {
            return false;
        }
        scheduler.moveQueuedTask(next, rq, scheduler.rqs[cpu]);
        return true;
    }

    /**
     * {@code pull_rt_task}: from every other overloaded CPU (in CPU order) whose highest pushable
     * task beats this CPU's highest RT priority, takes that task if it may run here and does not
     * beat what runs on its own CPU (then it is about to run there). It is the kernel's direct
     * pull; with {@code RT_PUSH_IPI} the overloaded CPUs push instead, to the same CPU whenever
     * it is the only one of the lowest priority.
     *
     * @param resched whether to reschedule this CPU after a pull (not when it is picking already)
     */
    private void pullRtTask(RunQueue thisRq, boolean resched) {
        int count = rtoMask.cardinality();
        if (count == 0 || count == 1 && rtoMask.get(thisRq.cpu)) {
            return;
        }
        boolean pulled = false;
        for (int cpu = rtoMask.nextSetBit(0); cpu >= 0; cpu = rtoMask.nextSetBit(cpu + 1)) {
            RunQueue src = scheduler.rqs[cpu];
            if (cpu == thisRq.cpu || src.rt.highestPushablePrio() >= thisRq.rt.highestPrio()) {
                continue;
            }
            Task p = pickHighestPushableTask(src, thisRq.cpu);
            if (p == null || p.prio >= thisRq.rt.highestPrio() || p.prio < src.curr.prio) {
                continue;
            }
            scheduler.dequeueTask(src, p, FLAG_MOVE);
            scheduler.setTaskCpu(p, thisRq.cpu);
            scheduler.enqueueTask(thisRq, p, FLAG_MOVE);
            pulled = true;
        }
        if (pulled && resched) {
            scheduler.resched(thisRq);
        }
    }

    /** {@code pick_highest_pushable_task}: the first pushable task of {@code src} allowed on {@code cpu}. */
    private static Task pickHighestPushableTask(RunQueue src, int cpu) {
        for (Task p = src.rt.firstPushable(); p != null; p = src.rt.nextPushable(p)) {
            if (p.cpusAllowed.get(cpu)) {
                return p;
            }
        }
        return null;
    }

    private void enqueuePushable(RunQueue rq, Task p) {
        rq.rt.enqueuePushable(p);
        if (!rq.rt.overloaded) {
            rq.rt.overloaded = true;
            rtoMask.set(rq.cpu);
        }
    }

    private void dequeuePushable(RunQueue rq, Task p) {
        rq.rt.dequeuePushable(p);
        if (!rq.rt.hasPushable() && rq.rt.overloaded) {
            rq.rt.overloaded = false;
            rtoMask.clear(rq.cpu);
        }
    }

    private static int nrCpusAllowed(Task p) {
        return p.cpusAllowed.cardinality();
    }

    // ------------------------------------------------------------------ bandwidth

    /**
     * {@code start_rt_bandwidth}: with a runtime limit, the first RT enqueue while the period
     * timer is off starts it; it fires at once ({@code hrtimer_forward_now} by nothing), then
     * every period.
     */
    private void startRtBandwidth() {
        if (sysctls.rtRuntimeNs() < 0 || periodActive) {
            return;
        }
        periodActive = true;
        scheduler.engine.schedule(periodTimer, scheduler.engine.now());
    }

    /** {@code sched_rt_period_timer}: a period ends; the timer stays on while any CPU has RT work or a throttled queue. */
    private void periodTimer() {
        if (doSchedRtPeriodTimer()) {
            periodActive = false;
        } else {
            scheduler.engine.schedule(periodTimer, scheduler.engine.now() + sysctls.rtPeriodNs());
        }
    }

    /**
     * {@code do_sched_rt_period_timer}: gives each CPU one runtime's worth of budget back and
     * unthrottles CPUs below their runtime again; those whose RT tasks beat the running task
     * reschedule ({@code sched_rt_rq_enqueue}).
     *
     * @return whether the timer may stop ({@code idle})
     */
    private boolean doSchedRtPeriodTimer() {
        long limit = sysctls.rtRuntimeNs();
        long runtime = limit < 0 ? Long.MAX_VALUE : limit;
        boolean idle = true;
        boolean throttled = false;
        for (RunQueue rq : scheduler.rqs) {
            RtRunQueue rt = rq.rt;
            if (rt.rtTime == 0 && rt.nrRunning == 0) {
                continue;
            }
            boolean enqueue = false;
            if (rt.rtTime != 0) {
                rt.rtTime -= Math.min(rt.rtTime, runtime);
                if (rt.throttled && rt.rtTime < runtime) {
                    rt.throttled = false;
                    enqueue = true;
                }
                idle &= rt.rtTime == 0 && rt.nrRunning == 0;
            } else {
                idle = false;
                enqueue = !rt.throttled;
            }
            throttled |= rt.throttled;
            if (enqueue && rt.nrRunning > 0 && rt.highestPrio() < rq.curr.prio) {
                scheduler.resched(rq);
            }
        }
        return !throttled && limit < 0 || idle;
    }
}
