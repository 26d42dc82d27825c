package kernellab.core.sim;

import kernellab.core.trace.TraceEvent;

/**
 * Why {@link Engine#run(long)} or {@link Engine#step()} returned.
 *
 * @param kind the kind of stop
 * @param timeNs simulated time when the engine stopped
 * @param event the trace event that asked for the stop (kind {@link Kind#BREAKPOINT}), else {@code null}
 */
public record StopReason(Kind kind, long timeNs, TraceEvent event) {

    /** Kinds of stop. */
    public enum Kind {
        /** The time limit of the run was reached. */
        TIME_LIMIT,
        /** A trace listener (an event breakpoint) asked for a stop. */
        BREAKPOINT,
        /** {@link Engine#pause()} was called. */
        PAUSED,
        /** The requested number of events was processed. */
        STEPPED,
        /** A stop condition was met, e.g. all launched workloads exited or the caller's condition holds. */
        CONDITION,
        /** Nothing is left to simulate. */
        NO_EVENTS
    }
}
