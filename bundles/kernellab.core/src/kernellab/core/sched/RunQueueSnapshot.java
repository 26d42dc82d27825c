package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Policy;

/**
 * A CPU's run queue at one moment, as data: what the IDE's Variables view and the runner's
 * snapshots show (the same content as the CPU's part of {@code /proc/sched_debug}).
 *
 * @param cpu CPU number
 * @param timeNs simulated time of the snapshot
 * @param curr the running task (the idle task when idle)
 * @param nrRunning runnable tasks of all classes, running one included
 * @param rtThrottled whether RT tasks are throttled on this CPU
 * @param rt runnable RT tasks, highest priority first
 * @param wrrTotalWeight sum of the WRR weights, running task included
 * @param wrr runnable WRR tasks in FIFO order, running one included
 * @param cfsMinVruntimeNs the fair queue's {@code min_vruntime}
 * @param cfs runnable fair tasks in vruntime order (the running one first if fair)
 */
public record RunQueueSnapshot(int cpu, long timeNs, Entry curr, int nrRunning, boolean rtThrottled, List<Entry> rt,
        long wrrTotalWeight, List<Entry> wrr, long cfsMinVruntimeNs, List<Entry> cfs) {

    /**
     * One task on the queue.
     *
     * @param pid pid
     * @param comm command name
     * @param policy policy name, e.g. {@code SCHED_WRR}
     * @param prio kernel priority
     * @param weight WRR weight (WRR tasks) or load weight (fair tasks), 0 for RT
     * @param sliceRemainingNs what is left of the WRR or RR slice, 0 otherwise
     * @param vruntimeNs virtual runtime (fair tasks)
     * @param running whether it is the CPU's running task
     */
    public record Entry(int pid, String comm, String policy, int prio, int weight, long sliceRemainingNs,
            long vruntimeNs, boolean running) {

        static Entry of(Task t, boolean running) {
            int weight = t.policy.isRealTime() ? 0 : t.schedClass instanceof WrrSchedClass ? t.wrrWeight : t.loadWeight;
            long slice = t.schedClass instanceof WrrSchedClass ? t.wrrSliceRemaining
                    : t.policy == Policy.SCHED_RR ? t.rrSliceRemaining : 0;
            return new Entry(t.pid, t.idleTask ? "swapper/" + t.cpu : t.comm, t.policy.name(), t.prio, weight, slice,
                    t.vruntime, running);
        }
    }

    static RunQueueSnapshot of(RunQueue rq, long now) {
        List<Entry> cfs = new ArrayList<>();
        if (rq.cfs.curr != null) {
            cfs.add(Entry.of(rq.cfs.curr, true));
        }
        rq.cfs.tasks().forEach(t -> cfs.add(Entry.of(t, false)));
        return new RunQueueSnapshot(rq.cpu, now, Entry.of(rq.curr, true), rq.nrRunning, rq.rt.throttled,
                rq.rt.tasks().stream().map(t -> Entry.of(t, t == rq.curr)).toList(), rq.wrr.totalWeight,
                rq.wrr.tasks().stream().map(t -> Entry.of(t, t == rq.curr)).toList(), rq.cfs.minVruntime,
                List.copyOf(cfs));
    }
}
