package kernellab.runner.internal.trace;

import java.io.IOException;

import kernellab.core.trace.TraceEvent;

/** Receives a recorded trace as it happens: the events and the CPUs' load counters. */
public interface TraceSink {

    /**
     * @param event the next trace event
     * @throws IOException if writing fails
     */
    void event(TraceEvent event) throws IOException;

    /**
     * @param sample a CPU's load after it changed
     * @throws IOException if writing fails
     */
    void counter(LoadCounter sample) throws IOException;

    /**
     * Marks a moment of the run in the trace, e.g. that it was interrupted there.
     *
     * @param timeNs simulated time
     * @param text what happened
     * @throws IOException if writing fails
     */
    void mark(long timeNs, String text) throws IOException;

    /**
     * Ends the trace; runs still open end at {@code endNs}.
     *
     * @param endNs simulated time at the end of the trace
     * @throws IOException if writing fails
     */
    void finish(long endNs) throws IOException;
}
