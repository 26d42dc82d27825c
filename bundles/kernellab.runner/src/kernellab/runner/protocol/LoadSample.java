package kernellab.runner.protocol;

/**
 * A CPU's load at one moment.
 *
 * @param timeNs simulated time
 * @param nrRunning runnable tasks, the running one included
 * @param totalWeight sum of the weights of its runnable tasks of the class of policy 7 (SCHED_WRR)
 */
public record LoadSample(long timeNs, int nrRunning, long totalWeight) {
}
