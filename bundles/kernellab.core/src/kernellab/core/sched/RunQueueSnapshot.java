package kernellab.core.sched;

import java.util.List;

import kernellab.api.Policy;

/**
 * A CPU's run queue at one moment, as data: the same content as the CPU's part of
 * {@code /proc/sched_debug}, with one {@link Queue} per scheduling class in priority order.
 *
 * @param cpu CPU number
 * @param timeNs simulated time of the snapshot
 * @param curr the running task (the idle task when idle)
 * @param nrRunning runnable tasks of all classes, running one included
 * @param queues each class's part, in priority order (e.g. {@code rt}, {@code wrr}, {@code cfs})
 */
public record RunQueueSnapshot(int cpu, long timeNs, Entry curr, int nrRunning, List<Queue> queues) {

    /**
     * One class's part of the queue.
     *
     * @param name the class's queue name
     * @param nrRunning its runnable tasks, the running one included
     * @param figures its figures, e.g. {@code total_weight}
     * @param tasks its tasks in pick order
     */
    public record Queue(String name, int nrRunning, List<ClassQueue.Figure> figures, List<Entry> tasks) {

        /**
         * @param figureName a figure's name
         * @return its value
         * @throws IllegalArgumentException if there is no such figure
         */
        public long figure(String figureName) {
            return figures.stream().filter(f -> f.name().equals(figureName)).mapToLong(ClassQueue.Figure::value).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no figure " + figureName));
        }
    }

    /**
     * One task on the queue.
     *
     * @param pid pid
     * @param comm command name
     * @param policy policy name, e.g. {@code SCHED_WRR}
     * @param prio kernel priority
     * @param weight class weight (tasks of the class of policy 7) or load weight (fair tasks), 0 for RT
     * @param sliceRemainingNs what is left of the class's or the RR slice, 0 otherwise
     * @param vruntimeNs virtual runtime (fair tasks)
     * @param running whether it is the CPU's running task
     */
    public record Entry(int pid, String comm, String policy, int prio, int weight, long sliceRemainingNs,
            long vruntimeNs, boolean running) {

        static Entry of(Task t, boolean running) {
            boolean weighted = t.schedClass.hasWeights();
            int weight = t.policy.isRealTime() ? 0 : weighted ? t.scx.weight : t.se.loadWeight;
            long slice = weighted ? t.scx.slice : t.policy == Policy.SCHED_RR ? t.rt.timeSlice : 0;
            return new Entry(t.pid, t.idleTask ? "swapper/" + t.cpu : t.comm, t.policy.name(), t.prio, weight, slice,
                    t.se.vruntime, running);
        }
    }

    /**
     * @param name a class's queue name
     * @return that class's part
     * @throws IllegalArgumentException if no class has that name
     */
    public Queue queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no class queue " + name));
    }

    static RunQueueSnapshot of(RunQueue rq, long now) {
        List<Queue> queues = rq.classQueues().stream().map(q -> new Queue(q.name(), q.nrRunning(), q.figures(),
                q.tasks().stream().map(t -> Entry.of(t, t == rq.curr)).toList())).toList();
        return new RunQueueSnapshot(rq.cpu, now, Entry.of(rq.curr, true), rq.nrRunning, queues);
    }
}
