package kernellab.core.sched;

import kernellab.core.sim.Event;

/**
 * A CPU's run queue ({@code struct rq}): the running task, the idle task and one sub-queue per
 * scheduling class, plus the CPU's timers and {@code /proc/schedstat} counters.
 */
public final class RunQueue {

    final int cpu;
    final Task idle;
    Task curr;
    /** Runnable tasks of all classes, running one included ({@code rq->nr_running}). */
    int nrRunning;
    boolean needResched;
    final RtRunQueue rt = new RtRunQueue();
    final WrrRunQueue wrr = new WrrRunQueue();
    final CfsRunQueue cfs = new CfsRunQueue();

    final Event tick;
    final Event workDone;
    final Event resched;
    final Event sliceTimer;

    // statistics
    long nrSwitches;
    long yldCount;
    long schedCount;
    long schedGoidle;
    long ttwuCount;
    long ttwuLocal;
    long rqCpuTime;
    long runDelay;
    long pcount;
    long busyTime;
    long nrMigrationsIn;

    private final Scheduler scheduler;

    RunQueue(int cpu, Task idle, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.cpu = cpu;
        this.idle = idle;
        this.curr = idle;
        this.tick = new Event() {
            @Override
            protected void fire() {
                scheduler.schedulerTick(RunQueue.this);
            }
        };
        this.workDone = new Event() {
            @Override
            protected void fire() {
                scheduler.workDone(RunQueue.this);
            }
        };
        this.resched = new Event() {
            @Override
            protected void fire() {
                scheduler.reschedEvent(RunQueue.this);
            }
        };
        this.sliceTimer = new Event() {
            @Override
            protected void fire() {
                scheduler.sliceTimer(RunQueue.this);
            }
        };
    }

    /** @return the CPU number */
    public int cpu() {
        return cpu;
    }

    /** @return the task running on this CPU (the idle task when idle) */
    public Task curr() {
        return curr;
    }

    /** @return the CPU's idle task, swapper/N */
    public Task idle() {
        return idle;
    }

    /** @return runnable tasks of all classes, the running one included */
    public int nrRunning() {
        return nrRunning;
    }

    /** @return the WRR part of the queue */
    public WrrRunQueue wrr() {
        return wrr;
    }

    /** @return the real-time part of the queue */
    public RtRunQueue rt() {
        return rt;
    }

    /** @return the fair (CFS) part of the queue */
    public CfsRunQueue cfs() {
        return cfs;
    }

    /** @return context switches on this CPU */
    public long nrSwitches() {
        return nrSwitches;
    }

    /** @return the queue's content now, as data */
    public RunQueueSnapshot snapshot() {
        return RunQueueSnapshot.of(this, scheduler.now());
    }

    /** @return this CPU's statistics now */
    public CpuStats stats() {
        return new CpuStats(cpu, scheduler.now(), busyTime, nrSwitches, nrRunning, wrr.nrRunning, wrr.totalWeight,
                rt.nrRunning, cfs.nrRunning, curr.pid, yldCount, schedCount, schedGoidle, ttwuCount, ttwuLocal,
                rqCpuTime, runDelay, pcount, nrMigrationsIn);
    }

    /** @return time this CPU ran tasks other than its idle task, ns */
    public long busyTime() {
        return busyTime;
    }
}
