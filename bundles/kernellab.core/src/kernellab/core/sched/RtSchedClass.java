package kernellab.core.sched;

import java.util.List;

import kernellab.api.Policy;
import kernellab.core.sim.Event;
import kernellab.core.trace.SchedTracepoints;

/**
 * The real-time class ({@code kernel/sched/rt.c}): SCHED_FIFO and SCHED_RR, priorities 1–99,
 * always before WRR and fair tasks. A SCHED_RR task has a 100 ms slice
 * ({@code RR_TIMESLICE}); SCHED_FIFO runs until it blocks or yields. A waking task of higher
 * priority preempts at once.
 *
 * <p>RT throttling ({@code sched_rt_runtime_us}/{@code sched_rt_period_us}, 950 ms per
 * 1000 ms by default): once the RT tasks of a CPU have run for the runtime within a period,
 * RT tasks on that CPU are not picked until the period timer gives the budget back, leaving
 * the rest of the period to the other classes.
 */
final class RtSchedClass extends SchedClass {

    /** SCHED_RR time slice: 100 ms. */
    static final long RR_TIMESLICE_NS = 100_000_000L;

    private final Event periodTimer;

    RtSchedClass(Scheduler scheduler) {
        super(scheduler, 0);
        this.periodTimer = new Event() {
            @Override
            protected void fire() {
                periodTimer();
            }
        };
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

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        rq.rt.addTail(p);
        if (scheduler.config.rtThrottling() && !periodTimer.isScheduled()) {
            long period = scheduler.config.rtPeriodNs();
            scheduler.engine.schedule(periodTimer, (scheduler.engine.now() / period + 1) * period);
        }
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        rq.rt.remove(p);
    }

    @Override
    Task pickNextTask(RunQueue rq) {
        if (rq.rt.throttled) {
            return null;
        }
        int prio = rq.rt.firstPrio();
        return prio < 0 ? null : rq.rt.heads[prio];
    }

    @Override
    void setNextTask(RunQueue rq, Task p) {
    }

    @Override
    void putPrevTask(RunQueue rq, Task p) {
    }

    /** Charges runtime to the RR slice and to the CPU's RT bandwidth; throttles when the budget is used up. */
    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        if (curr.policy == Policy.SCHED_RR) {
            curr.rt.timeSlice -= delta;
        }
        if (scheduler.config.rtThrottling()) {
            rq.rt.rtTime += delta;
            if (!rq.rt.throttled && rq.rt.rtTime >= scheduler.config.rtRuntimeNs()) {
                rq.rt.throttled = true;
                scheduler.resched(rq);
            }
        }
    }

    /** A SCHED_RR task whose slice is used up gets a new one and goes behind tasks of equal priority. */
    @Override
    void taskTick(RunQueue rq, Task curr) {
        if (curr.policy != Policy.SCHED_RR || curr.rt.timeSlice > 0) {
            return;
        }
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_SLICE_EXPIRE)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_SLICE_EXPIRE, rq.cpu).field("comm", curr.comm)
                    .field("pid", curr.pid).field("policy", "SCHED_RR").field("weight", 0)
                    .field("slice_ms", RR_TIMESLICE_NS / 1_000_000).emit();
        }
        curr.rt.timeSlice = RR_TIMESLICE_NS;
        if (rq.rt.moveToTail(curr)) {
            scheduler.resched(rq);
        }
    }

    /**
     * Stays on the previous CPU unless it runs an RT task of equal or higher priority; then the
     * allowed CPU running the lowest-priority task (lowest number among equals), as
     * {@code find_lowest_rq} does.
     */
    @Override
    int selectTaskRq(Task p, int prevCpu, int context) {
        if (p.cpusAllowed.get(prevCpu) && runningPrio(scheduler.rqs[prevCpu]) > p.prio) {
            return prevCpu;
        }
        int best = -1;
        int bestPrio = -1;
        for (int cpu = p.cpusAllowed.nextSetBit(0); cpu >= 0 && cpu < scheduler.nrCpus;
                cpu = p.cpusAllowed.nextSetBit(cpu + 1)) {
            int prio = runningPrio(scheduler.rqs[cpu]);
            if (prio > bestPrio) {
                best = cpu;
                bestPrio = prio;
            }
        }
        return p.cpusAllowed.get(prevCpu) && bestPrio <= p.prio ? prevCpu : best;
    }

    /** @return the priority of what runs on the CPU: 0–98 for RT, 120 for WRR/fair, 140 when idle */
    private static int runningPrio(RunQueue rq) {
        Task curr = rq.curr;
        if (curr.idleTask) {
            return 140;
        }
        return curr.policy.isRealTime() ? curr.prio : 120;
    }

    @Override
    void checkPreemptCurr(RunQueue rq, Task p) {
        if (p.prio < rq.curr.prio) {
            scheduler.resched(rq);
        }
    }

    @Override
    void yieldTask(RunQueue rq) {
        rq.rt.moveToTail(rq.curr);
    }

    @Override
    void taskFork(Task p, Task parent) {
        p.rt.timeSlice = RR_TIMESLICE_NS;
    }

    /**
     * The bandwidth period timer ({@code do_sched_rt_period_timer}): gives each CPU one
     * runtime's worth of budget back and unthrottles CPUs that are below their runtime again.
     */
    private void periodTimer() {
        long runtime = scheduler.config.rtRuntimeNs();
        boolean active = false;
        for (RunQueue rq : scheduler.rqs) {
            if (rq.rt.rtTime == 0 && !rq.rt.throttled) {
                active |= rq.rt.nrRunning > 0;
                continue;
            }
            if (rq.curr.schedClass == this) {
                scheduler.updateCurr(rq);
            }
            rq.rt.rtTime -= Math.min(rq.rt.rtTime, runtime);
            if (rq.rt.throttled && rq.rt.rtTime < runtime) {
                rq.rt.throttled = false;
                if (rq.rt.nrRunning > 0) {
                    scheduler.resched(rq);
                }
            }
            active |= rq.rt.nrRunning > 0 || rq.rt.rtTime > 0;
        }
        if (active) {
            scheduler.engine.schedule(periodTimer, scheduler.engine.now() + scheduler.config.rtPeriodNs());
        }
    }
}
