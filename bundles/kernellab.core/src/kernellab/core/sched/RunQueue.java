package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

import kernellab.core.sim.Event;

/**
 * A CPU's run queue ({@code struct rq}): the running task, the idle task and one sub-queue per
 * scheduling class ({@code rt}, {@code ext} for the class of policy 7, {@code cfs}), plus the
 * CPU's timers and {@code /proc/schedstat} counters.
 */
public final class RunQueue {

    final int cpu;
    final Task idle;
    Task curr;
    /** Runnable tasks of all classes, running one included ({@code rq->nr_running}). */
    int nrRunning;
    boolean needResched;
    /** Work of the classes to run when the current scheduling operation is done ({@code rq->balance_callback}). */
    BalanceCallback balanceCallback;
    final RtRunQueue rt = new RtRunQueue();
    final ExtRunQueue ext = new ExtRunQueue();
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
                scheduler.entry().workDone(RunQueue.this);
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
                scheduler.hrtick(RunQueue.this);
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

    /** @return the kernel's account of the queue of the class of policy 7 (SCHED_WRR) */
    public ExtRunQueue ext() {
        return ext;
    }

    /** @return each scheduling class's part of the queue, in priority order (the idle class has none) */
    public List<ClassQueue> classQueues() {
        List<ClassQueue> list = new ArrayList<>(3);
        for (SchedClass c : scheduler.classes()) {
            ClassQueue q = c.queue(this);
            if (q != null) {
                list.add(q);
            }
        }
        return list;
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
        return new CpuStats(cpu, scheduler.now(), busyTime, nrSwitches, nrRunning, curr.pid, yldCount, schedCount,
                schedGoidle, ttwuCount, ttwuLocal, rqCpuTime, runDelay, pcount, nrMigrationsIn);
    }

    /** @return time this CPU ran tasks other than its idle task, ns */
    public long busyTime() {
        return busyTime;
    }
}
