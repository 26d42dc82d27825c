package kernellab.runner.protocol;

import java.util.List;

/**
 * One CPU's run queue ({@code struct rq}) with each scheduling class's queue in pick order:
 * what the Run Queues view and the CPU's debug thread show.
 *
 * @param cpu CPU number
 * @param curr the running task, or {@code null} when the CPU runs its idle task
 * @param nrRunning runnable tasks of all classes, the running one included
 * @param rt RT queue: highest priority first, FIFO within a priority
 * @param rtThrottled whether RT tasks are throttled on this CPU
 * @param wrrNrRunning runnable WRR tasks
 * @param wrrTotalWeight sum of the runnable WRR tasks' weights
 * @param wrr WRR queue in FIFO order (the running task at its head)
 * @param cfsNrRunning runnable fair tasks
 * @param cfsLoadWeight sum of their load weights
 * @param cfsMinVruntime {@code min_vruntime}
 * @param cfs waiting fair tasks by vruntime (the running one not included)
 * @param nrSwitches context switches on this CPU
 * @param busyTimeNs time spent running tasks
 * @param lastEvent the last trace event on this CPU (the debug thread's top frame), or {@code null}
 */
public record CpuRunQueue(int cpu, TaskInfo curr, int nrRunning, List<TaskInfo> rt, boolean rtThrottled, int wrrNrRunning,
        long wrrTotalWeight, List<TaskInfo> wrr, int cfsNrRunning, long cfsLoadWeight, long cfsMinVruntime, List<TaskInfo> cfs,
        long nrSwitches, long busyTimeNs, TraceEventInfo lastEvent) {
}
