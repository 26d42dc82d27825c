package kernellab.core.trace;

/**
 * What a {@link Tracer} asks the machine when an event is emitted: the clock and who is
 * running where. Implemented by the kernel.
 */
public interface TraceContext {

    /** @return simulated time in nanoseconds */
    long now();

    /** @return the CPU whose code is executing now (the one an event without an explicit CPU belongs to) */
    int currentCpu();

    /**
     * @param cpu a CPU number
     * @return the command name of the task current on that CPU
     */
    String currentComm(int cpu);

    /**
     * @param cpu a CPU number
     * @return the pid of the task current on that CPU
     */
    int currentPid(int cpu);

    /**
     * Asks the engine to stop after the current step; called when a listener returns
     * {@code true}.
     *
     * @param event the event that asked for the stop
     */
    void requestStop(TraceEvent event);
}
