package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kernellab.api.Policy;

/**
 * The fair class, CFS as in {@code kernel/sched/fair.c} before EEVDF: SCHED_NORMAL,
 * SCHED_BATCH and SCHED_IDLE. Each task's virtual runtime grows by its CPU time scaled by
 * {@code 1024 / weight}, with the weight from the nice value ({@link #PRIO_TO_WEIGHT},
 * {@code sched_prio_to_weight}) or 3 for SCHED_IDLE; the task with the smallest vruntime runs
 * next. The running task is preempted at a tick once it has run its share of the scheduling
 * period ({@code sched_slice}) or, after the minimum granularity, once it is more than its slice
 * ahead of the leftmost task ({@code check_preempt_tick}). The tunables are the kernel's
 * defaults scaled by {@code 1 + log2(CPUs)} (at most 8 CPUs): latency 6 ms, minimum
 * granularity 0.75 ms, wake-up granularity 1 ms.
 *
 * <p>It also takes the tasks of policy 7 when no class serves that policy: when the class was
 * disabled, as sched_ext's tasks fall back to the fair class.
 */
final class FairSchedClass extends SchedClass {

    /** {@code sched_prio_to_weight}: load weight of nice −20…19; 1024 at nice 0, about ×1.25 per step. */
    static final int[] PRIO_TO_WEIGHT = {
        88761, 71755, 56483, 46273, 36291,
        29154, 23254, 18705, 14949, 11916,
        9548, 7620, 6100, 4904, 3906,
        3121, 2501, 1991, 1586, 1277,
        1024, 820, 655, 526, 423,
        335, 272, 215, 172, 137,
        110, 87, 70, 56, 45,
        36, 29, 23, 18, 15,
    };
    /** {@code WEIGHT_IDLEPRIO}: load weight of SCHED_IDLE tasks. */
    static final int WEIGHT_IDLEPRIO = 3;
    static final int NICE_0_LOAD = 1024;
    private static final int SCHED_NR_LATENCY = 8;

    final long latencyNs;
    final long minGranularityNs;
    final long wakeupGranularityNs;

    FairSchedClass(Scheduler scheduler) {
        super(scheduler, 2);
        int factor = 1 + 31 - Integer.numberOfLeadingZeros(Math.min(scheduler.nrCpus, 8));
        this.latencyNs = 6_000_000L * factor;
        this.minGranularityNs = 750_000L * factor;
        this.wakeupGranularityNs = 1_000_000L * factor;
    }

    @Override
    public String name() {
        return "fair";
    }

    @Override
    boolean serves(Policy policy) {
        return policy.isFair() || policy == Policy.SCHED_WRR;
    }

    @Override
    boolean reweightsOnNice() {
        return true;
    }

    @Override
    void sysctls(Map<String, Long> out) {
        out.put("sysctl_sched_latency", latencyNs);
        out.put("sysctl_sched_min_granularity", minGranularityNs);
        out.put("sysctl_sched_wakeup_granularity", wakeupGranularityNs);
    }

    /** The running fair task first, then the waiting ones by vruntime; figures {@code load.weight} and {@code min_vruntime}. */
    @Override
    ClassQueue queue(RunQueue rq) {
        CfsRunQueue cfs = rq.cfs;
        List<Task> tasks = new ArrayList<>(cfs.nrRunning);
        if (cfs.curr != null) {
            tasks.add(cfs.curr);
        }
        tasks.addAll(cfs.tasks());
        return new ClassQueue("cfs", cfs.nrRunning, List.of(new ClassQueue.Figure("load.weight", cfs.loadWeight),
                new ClassQueue.Figure("min_vruntime", cfs.minVruntime)), tasks);
    }

    static int weightFor(Policy policy, int staticPrio) {
        return policy == Policy.SCHED_IDLE ? WEIGHT_IDLEPRIO : PRIO_TO_WEIGHT[staticPrio - 100];
    }

    static long calcDeltaFair(long delta, int weight) {
        return weight == NICE_0_LOAD ? delta : delta * NICE_0_LOAD / weight;
    }

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        CfsRunQueue cfs = rq.cfs;
        if ((flags & FLAG_SLEEP_WAKEUP) != 0) {
            placeEntity(cfs, p, false);
        }
        cfs.nrRunning++;
        cfs.loadWeight += p.se.loadWeight;
        if (cfs.curr != p) {
            cfs.insert(p);
        }
        updateMinVruntime(cfs);
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        CfsRunQueue cfs = rq.cfs;
        if (cfs.curr == p) {
            cfs.curr = null;
        } else {
            cfs.remove(p);
        }
        if (cfs.skip == p) {
            cfs.skip = null;
        }
        cfs.nrRunning--;
        cfs.loadWeight -= p.se.loadWeight;
        updateMinVruntime(cfs);
    }

    /** Picks the leftmost task, or the second one if the leftmost yielded ({@code cfs_rq->skip}). */
    @Override
    Task pickNextTask(RunQueue rq) {
        CfsRunQueue cfs = rq.cfs;
        Task left = cfs.leftmost();
        if (left != null && left == cfs.skip) {
            Task second = cfs.second();
            cfs.skip = null;
            if (second != null) {
                return second;
            }
        }
        return left;
    }

    @Override
    void setNextTask(RunQueue rq, Task p, boolean first) {
        CfsRunQueue cfs = rq.cfs;
        if (p.se.heapIndex >= 0) {
            cfs.remove(p);
        }
        cfs.curr = p;
        p.se.prevSumExecRuntime = p.sumExecRuntime;
    }

    @Override
    void putPrevTask(RunQueue rq, Task p) {
        CfsRunQueue cfs = rq.cfs;
        if (cfs.curr == p) {
            cfs.curr = null;
            cfs.insert(p);
        }
    }

    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        curr.se.vruntime += calcDeltaFair(delta, curr.se.loadWeight);
        updateMinVruntime(rq.cfs);
    }

    private static void updateMinVruntime(CfsRunQueue cfs) {
        long v = cfs.minVruntime;
        boolean has = false;
        if (cfs.curr != null) {
            v = cfs.curr.se.vruntime;
            has = true;
        }
        Task left = cfs.leftmost();
        if (left != null) {
            v = has ? Math.min(v, left.se.vruntime) : left.se.vruntime;
            has = true;
        }
        if (has && v > cfs.minVruntime) {
            cfs.minVruntime = v;
        }
    }

    /** {@code sched_slice}: the task's weighted share of the period {@code max(latency, nr × min_granularity)}. */
    long schedSlice(CfsRunQueue cfs, int nrRunning, long loadWeight, Task p) {
        long period = nrRunning > SCHED_NR_LATENCY ? nrRunning * minGranularityNs : latencyNs;
        return period * p.se.loadWeight / loadWeight;
    }

    /** {@code check_preempt_tick}. */
    @Override
    void taskTick(RunQueue rq, Task curr) {
        CfsRunQueue cfs = rq.cfs;
        if (cfs.nrRunning < 2) {
            return;
        }
        long idealRuntime = schedSlice(cfs, cfs.nrRunning, cfs.loadWeight, curr);
        long deltaExec = curr.sumExecRuntime - curr.se.prevSumExecRuntime;
        if (deltaExec > idealRuntime) {
            scheduler.resched(rq);
            return;
        }
        if (deltaExec < minGranularityNs) {
            return;
        }
        Task left = cfs.leftmost();
        if (left != null && curr.se.vruntime - left.se.vruntime > idealRuntime) {
            scheduler.resched(rq);
        }
    }

    /**
     * {@code place_entity}: a new task starts one virtual slice after {@code min_vruntime}
     * (START_DEBIT); a waking task gets at most half a latency of credit (GENTLE_FAIR_SLEEPERS).
     */
    void placeEntity(CfsRunQueue cfs, Task p, boolean initial) {
        long vruntime = cfs.minVruntime;
        if (initial) {
            long slice = schedSlice(cfs, cfs.nrRunning + 1, cfs.loadWeight + p.se.loadWeight, p);
            vruntime += calcDeltaFair(slice, p.se.loadWeight);
            p.se.vruntime = vruntime;
        } else {
            p.se.vruntime = Math.max(p.se.vruntime, vruntime - latencyNs / 2);
        }
    }

    /** Prefers an idle allowed CPU (the previous one first), then the least loaded (lowest number among equals). */
    @Override
    int selectTaskRq(Task p, int prevCpu, int context) {
        if (context != SELECT_FORK && p.cpusAllowed.get(prevCpu) && scheduler.rqs[prevCpu].nrRunning == 0) {
            return prevCpu;
        }
        int best = -1;
        long bestLoad = 0;
        int bestNr = 0;
        for (int cpu = p.cpusAllowed.nextSetBit(0); cpu >= 0 && cpu < scheduler.nrCpus;
                cpu = p.cpusAllowed.nextSetBit(cpu + 1)) {
            RunQueue rq = scheduler.rqs[cpu];
            long load = rq.cfs.loadWeight + (rq.nrRunning - rq.cfs.nrRunning) * (long) NICE_0_LOAD;
            if (best < 0 || rq.nrRunning < bestNr || rq.nrRunning == bestNr && load < bestLoad) {
                best = cpu;
                bestLoad = load;
                bestNr = rq.nrRunning;
            }
        }
        return best;
    }

    /** {@code check_preempt_wakeup}: preempt when the woken task is more than the wake-up granularity behind. */
    @Override
    void checkPreemptCurr(RunQueue rq, Task p) {
        Task curr = rq.curr;
        if (curr.policy == Policy.SCHED_IDLE && p.policy != Policy.SCHED_IDLE) {
            scheduler.resched(rq);
            return;
        }
        if (p.policy != Policy.SCHED_NORMAL) {
            return;
        }
        scheduler.updateCurr(rq);
        long gran = calcDeltaFair(wakeupGranularityNs, p.se.loadWeight);
        if (curr.se.vruntime - p.se.vruntime > gran) {
            scheduler.resched(rq);
        }
    }

    /** {@code yield_task_fair}: the caller is skipped at the next pick if another task is waiting. */
    @Override
    void yieldTask(RunQueue rq) {
        rq.cfs.skip = rq.curr;
    }

    @Override
    void taskFork(Task p, Task parent) {
        placeEntity(scheduler.rqs[p.cpu].cfs, p, true);
    }

    @Override
    void switchedTo(Task p) {
        p.se.vruntime = scheduler.rqs[p.cpu].cfs.minVruntime;
    }

    /** Keeps the vruntime relative to the queue's {@code min_vruntime} across CPUs. */
    @Override
    void migrateTaskRq(Task p, RunQueue src, RunQueue dst) {
        p.se.vruntime = p.se.vruntime - src.cfs.minVruntime + dst.cfs.minVruntime;
    }

    /**
     * New-idle balance of a CPU with nothing to run: pull one waiting fair task from the CPU with
     * the most runnable fair tasks (at least 2).
     */
    @Override
    void balance(RunQueue rq, Task prev) {
        if (rq.nrRunning == 0 && scheduler.nrCpus > 1) {
            pullOne(rq, 2);
        }
    }

    /** Periodic balance: move one waiting fair task from the busiest to the idlest CPU when they differ by 2 or more. */
    @Override
    void periodicBalance() {
        RunQueue idlest = null;
        for (RunQueue rq : scheduler.rqs) {
            if (idlest == null || rq.cfs.nrRunning < idlest.cfs.nrRunning) {
                idlest = rq;
            }
        }
        pullOne(idlest, idlest.cfs.nrRunning + 2);
    }

    private void pullOne(RunQueue dst, int minRunning) {
        RunQueue busiest = null;
        Task pulled = null;
        for (RunQueue src : scheduler.rqs) {
            if (src == dst || src.cfs.nrRunning < minRunning
                    || busiest != null && src.cfs.nrRunning <= busiest.cfs.nrRunning) {
                continue;
            }
            for (int i = src.cfs.size - 1; i >= 0; i--) {
                Task t = src.cfs.heap[i];
                if (t.cpusAllowed.get(dst.cpu)) {
                    busiest = src;
                    pulled = t;
                    break;
                }
            }
        }
        if (pulled != null) {
            scheduler.moveQueuedTask(pulled, busiest, dst);
        }
    }
}
