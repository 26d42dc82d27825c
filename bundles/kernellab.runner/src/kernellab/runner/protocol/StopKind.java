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
    TIME_LIMIT
}
