package kernellab.core.sched;

import java.util.BitSet;

import kernellab.core.trace.SchedTracepoints;

/**
 * The lab's weighted round-robin class, SCHED_WRR (policy 7), between the real-time and the
 * fair class. Each CPU keeps a FIFO of runnable WRR tasks; the task at the head runs for a
 * time slice of {@code weight × base slice} (10 ms by default), then goes to the tail with a
 * fresh slice. A per-CPU slice timer ends the slice exactly, whatever the tick rate (like the
 * kernel's {@code hrtick}). A weight change does not alter the slice being consumed; it applies at the
 * next refill. Enqueue, dequeue, pick and tick are O(1).
 *
 * <p>Placement ({@link #selectTaskRq}) and the periodic load balancer ({@link #loadBalance})
 * follow the lab's rules, documented on each method.
 */
final class WrrSchedClass extends SchedClass {

    /** Smallest weight. */
    static final int MIN_WEIGHT = 1;
    /** Largest weight. */
    static final int MAX_WEIGHT = 20;
    /** Weight of a task that enters SCHED_WRR. */
    static final int DEFAULT_WEIGHT = 10;

    WrrSchedClass(Scheduler scheduler) {
        super(scheduler, 1);
    }

    @Override
    public String name() {
        return "wrr";
    }

    long sliceFor(Task p) {
        return p.wrrWeight * scheduler.config.wrrBaseSliceNs();
    }

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        rq.wrr.addTail(p);
        scheduler.wrrQueued++;
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        rq.wrr.remove(p);
        scheduler.wrrQueued--;
    }

    @Override
    Task pickNextTask(RunQueue rq) {
        return rq.wrr.head;
    }

    /** Arms the CPU's slice timer for the rest of the slice, so the slice ends exactly on time. */
    @Override
    void setNextTask(RunQueue rq, Task p) {
        scheduler.engine.schedule(rq.sliceTimer, scheduler.engine.now() + Math.max(0, p.wrrSliceRemaining));
    }

    @Override
    void putPrevTask(RunQueue rq, Task p) {
    }

    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        curr.wrrSliceRemaining -= delta;
    }

    /**
     * Called at each tick and by the slice timer: when the slice is used up it is refilled from
     * the current weight and the task goes to the tail of the queue if another WRR task is
     * waiting; otherwise it goes on with the new slice.
     */
    @Override
    void taskTick(RunQueue rq, Task curr) {
        if (curr.wrrSliceRemaining > 0) {
            return;
        }
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_SLICE_EXPIRE)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_SLICE_EXPIRE, rq.cpu).field("comm", curr.comm)
                    .field("pid", curr.pid).field("policy", "SCHED_WRR").field("weight", curr.wrrWeight)
                    .field("slice_ms", sliceFor(curr) / 1_000_000).emit();
        }
        curr.wrrSliceRemaining = sliceFor(curr);
        if (rq.wrr.nrRunning > 1) {
            rq.wrr.moveToTail(curr);
            scheduler.resched(rq);
        } else {
            setNextTask(rq, curr);
        }
    }

    /**
     * Placement on fork, wake-up and policy change: the allowed CPU with the least WRR total
     * weight; among equals, the CPU running more WRR tasks of the task's thread group; then the
     * lowest CPU number.
     */
    @Override
    int selectTaskRq(Task p, int prevCpu, int context) {
        BitSet allowed = p.cpusAllowed;
        boolean hasSiblings = !p.groupLeader.threads.isEmpty();
        int best = -1;
        long bestWeight = 0;
        int bestSiblings = -1;
        for (int cpu = allowed.nextSetBit(0); cpu >= 0 && cpu < scheduler.nrCpus; cpu = allowed.nextSetBit(cpu + 1)) {
            long w = scheduler.rqs[cpu].wrr.totalWeight;
            if (best < 0 || w < bestWeight) {
                best = cpu;
                bestWeight = w;
                bestSiblings = -1;
            } else if (w == bestWeight && hasSiblings) {
                if (bestSiblings < 0) {
                    bestSiblings = siblings(scheduler.rqs[best], p);
                }
                int s = siblings(scheduler.rqs[cpu], p);
                if (s > bestSiblings) {
                    best = cpu;
                    bestSiblings = s;
                }
            }
        }
        return best;
    }

    private static int siblings(RunQueue rq, Task p) {
        int n = 0;
        for (Task t = rq.wrr.head; t != null; t = t.next) {
            if (t.tgid == p.tgid && t != p) {
                n++;
            }
        }
        return n;
    }

    /** WRR tasks do not preempt each other: the queue is first in, first out. */
    @Override
    void checkPreemptCurr(RunQueue rq, Task p) {
    }

    /** The caller goes to the tail with what is left of its slice. */
    @Override
    void yieldTask(RunQueue rq) {
        rq.wrr.moveToTail(rq.curr);
    }

    @Override
    void taskFork(Task p, Task parent) {
        p.wrrSliceRemaining = sliceFor(p);
    }

    /**
     * Idle balance: this CPU's WRR queue is empty, so it pulls the heaviest waiting (not running)
     * WRR task allowed here from the CPU with the largest total weight that has one.
     */
    @Override
    void idleBalance(RunQueue rq) {
        RunQueue src = null;
        Task pulled = null;
        for (RunQueue other : scheduler.rqs) {
            if (other == rq || src != null && other.wrr.totalWeight <= src.wrr.totalWeight) {
                continue;
            }
            Task t = heaviestMovable(other, rq.cpu, Long.MAX_VALUE, 0);
            if (t != null) {
                src = other;
                pulled = t;
            }
        }
        if (pulled == null) {
            return;
        }
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_WRR_IDLE_BALANCE)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_WRR_IDLE_BALANCE, rq.cpu).field("jiffies", scheduler.jiffies())
                    .field("src_cpu", src.cpu).field("dst_cpu", rq.cpu).field("comm", pulled.comm)
                    .field("pid", pulled.pid).field("weight", pulled.wrrWeight).emit();
        }
        scheduler.moveQueuedTask(pulled, src, rq);
    }

    /**
     * Periodic load balancing, once per balance period: take the CPU with the largest and the
     * CPU with the smallest WRR total weight (the lowest CPU number among equals) and move the
     * heaviest task of the largest (the first one in FIFO order among equals) that is not
     * running, is allowed on the smallest, and is light enough that the smallest's total after
     * the move stays below the largest's total before it ({@code min + w < max}). At most one
     * task moves per period. Each run emits {@code sched_wrr_load_balance} with the weights
     * before the move.
     */
    @Override
    void loadBalance() {
        RunQueue max = null;
        RunQueue min = null;
        for (RunQueue rq : scheduler.rqs) {
            if (max == null || rq.wrr.totalWeight > max.wrr.totalWeight) {
                max = rq;
            }
            if (min == null || rq.wrr.totalWeight < min.wrr.totalWeight) {
                min = rq;
            }
        }
        long maxWeight = max.wrr.totalWeight;
        long minWeight = min.wrr.totalWeight;
        Task moved = max == min ? null : heaviestMovable(max, min.cpu, maxWeight, minWeight);
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_WRR_LOAD_BALANCE)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_WRR_LOAD_BALANCE, min.cpu).field("jiffies", scheduler.jiffies())
                    .field("max_cpu", max.cpu).field("max_weight", maxWeight).field("min_cpu", min.cpu)
                    .field("min_weight", minWeight).field("comm", moved == null ? "-" : moved.comm)
                    .field("pid", moved == null ? 0 : moved.pid).field("weight", moved == null ? 0 : moved.wrrWeight)
                    .emit();
        }
        if (moved != null) {
            scheduler.moveQueuedTask(moved, max, min);
        }
    }

    /** @return the heaviest waiting task of {@code src} allowed on {@code dstCpu} with {@code dstWeight + w < srcWeight} */
    private static Task heaviestMovable(RunQueue src, int dstCpu, long srcWeight, long dstWeight) {
        Task best = null;
        for (Task t = src.wrr.head; t != null; t = t.next) {
            if (t != src.curr && t.cpusAllowed.get(dstCpu) && dstWeight + t.wrrWeight < srcWeight
                    && (best == null || t.wrrWeight > best.wrrWeight)) {
                best = t;
            }
        }
        return best;
    }
}
