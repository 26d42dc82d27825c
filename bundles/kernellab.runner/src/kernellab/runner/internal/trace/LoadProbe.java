package kernellab.runner.internal.trace;

/** Reads a CPU's run-queue load from the machine. */
public interface LoadProbe {

    /**
     * @param cpu a CPU
     * @return its {@code nr_running}
     */
    int nrRunning(int cpu);

    /**
     * @param cpu a CPU
     * @return the sum of the weights of its runnable tasks of the class of policy 7
     */
    long totalWeight(int cpu);

    /** @return the name of the class of policy 7 (e.g. {@code wrr}), or {@code null} if none runs */
    String weightedClass();
}
