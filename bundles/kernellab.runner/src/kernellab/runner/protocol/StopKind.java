package kernellab.runner.protocol;

/** Why a simulation stopped (without ending). */
public enum StopKind {
    /** An event breakpoint matched. */
    BREAKPOINT,
    /** A step completed. */
    STEP,
    /** The client asked to pause. */
    PAUSE,
    /** The time limit of a resume was reached. */
    TIME_LIMIT,
    /**
     * A thread of the simulator JVM is stopped in the Java debugger and the client said so with
     * {@link KernelLabServer#hold}; the machine stands where that code is, e.g. in a hook of a
     * scheduling class. Only {@link KernelLabServer#hold} answers with it; it is never notified.
     */
    HELD
}
