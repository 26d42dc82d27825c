package kernellab.runner.internal.trace;

/**
 * A CPU's load from a given time on.
 *
 * @param timeNs simulated time of the change
 * @param cpu the CPU
 * @param nrRunning runnable tasks, the running one included ({@code rq->nr_running})
 * @param wrrTotalWeight sum of the weights of its runnable WRR tasks
 */
public record LoadCounter(long timeNs, int cpu, int nrRunning, long wrrTotalWeight) {
}
