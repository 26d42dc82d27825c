package kernellab.runner.protocol;

/**
 * A CPU's load at one moment.
 *
 * @param timeNs simulated time
 * @param nrRunning runnable tasks, the running one included
 * @param wrrTotalWeight sum of the weights of its runnable WRR tasks
 */
public record LoadSample(long timeNs, int nrRunning, long wrrTotalWeight) {
}
