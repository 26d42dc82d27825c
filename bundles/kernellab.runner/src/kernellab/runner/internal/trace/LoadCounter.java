package kernellab.runner.internal.trace;

/**
 * A CPU's load from a given time on.
 *
 * @param timeNs simulated time of the change
 * @param cpu the CPU
 * @param nrRunning runnable tasks, the running one included ({@code rq->nr_running})
 * @param weightedClass the name of the class of policy 7 (e.g. {@code wrr}), or {@code null} if none runs
 * @param totalWeight sum of the weights of its runnable tasks of that class
 */
public record LoadCounter(long timeNs, int cpu, int nrRunning, String weightedClass, long totalWeight) {
}
