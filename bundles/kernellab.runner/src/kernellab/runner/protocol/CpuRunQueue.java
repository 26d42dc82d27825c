package kernellab.runner.protocol;

import java.util.List;

/**
 * One CPU's run queue ({@code struct rq}) with each scheduling class's queue in pick order:
 * what the Run Queues view and the CPU's debug thread show.
 *
 * @param cpu CPU number
 * @param curr the running task, or {@code null} when the CPU runs its idle task
 * @param nrRunning runnable tasks of all classes, the running one included
 * @param queues each class's queue, in priority order (RT, the class of policy 7, CFS)
 * @param policyClass the name of the class of policy 7 ({@code wrr} for the lab's), or {@code null} if none runs
 * @param nrSwitches context switches on this CPU
 * @param busyTimeNs time spent running tasks
 * @param lastEvent the last trace event on this CPU (the debug thread's top frame), or {@code null}
 */
public record CpuRunQueue(int cpu, TaskInfo curr, int nrRunning, List<ClassQueueInfo> queues, String policyClass,
        long nrSwitches, long busyTimeNs, TraceEventInfo lastEvent) {

    /**
     * @param name a class's queue name
     * @return that queue, or {@code null} if no class has that name
     */
    public ClassQueueInfo queue(String name) {
        for (ClassQueueInfo q : queues) {
            if (q.name().equals(name)) {
                return q;
            }
        }
        return null;
    }

    /** @return the queue of the class of policy 7, or {@code null} if none runs */
    public ClassQueueInfo policyClassQueue() {
        return policyClass == null ? null : queue(policyClass);
    }

    /** @return the total weight of the class of policy 7 on this CPU (0 if none runs) */
    public long totalWeight() {
        ClassQueueInfo q = policyClassQueue();
        return q == null ? 0 : q.figure("total_weight");
    }
}
