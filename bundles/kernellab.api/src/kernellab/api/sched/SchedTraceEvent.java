package kernellab.api.sched;

/**
 * A trace event a class emits ({@link SchedKernel#trace}), like a {@code TRACE_EVENT} of its
 * own: it appears in the ftrace text and Chrome traces, and event breakpoints stop on it. Give
 * the fields, then {@link #emit()}.
 */
public interface SchedTraceEvent {

    /**
     * @param name field name
     * @param value its value
     * @return this event
     */
    SchedTraceEvent field(String name, long value);

    /**
     * @param name field name
     * @param value its value
     * @return this event
     */
    SchedTraceEvent field(String name, String value);

    /** Records the event with the fields given so far. */
    void emit();
}
