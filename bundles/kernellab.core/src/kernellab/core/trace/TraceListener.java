package kernellab.core.trace;

/**
 * Receives trace events as they are emitted, synchronously, on the thread that runs the
 * simulation. Recorders, exporters and event breakpoints are listeners.
 */
@FunctionalInterface
public interface TraceListener {

    /**
     * Called for every event of a tracepoint this listener is subscribed to.
     *
     * @param event the event
     * @return {@code true} to stop the engine once the simulation step that emitted this
     *         event is complete (an event breakpoint hit); {@code false} to go on
     */
    boolean onEvent(TraceEvent event);
}
