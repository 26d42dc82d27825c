package kernellab.core.trace;

import java.util.List;

/**
 * One occurrence of a {@link Tracepoint}: what the kernel's ring buffer holds for an event.
 * Immutable. {@link #toString()} renders the line as {@code trace-cmd report} prints it:
 *
 * <pre>
 *              hog-17    [001]     2.000000: sched_switch: prev_comm=hog prev_pid=17 …
 * </pre>
 *
 * @param sequence position of the event in the machine's trace, starting at 1, without gaps
 *        over all emitted events
 * @param tracepoint the tracepoint that fired
 * @param timeNs simulated time in nanoseconds since boot
 * @param cpu the CPU the event happened on
 * @param comm command name of the task current on that CPU (e.g. {@code <idle>})
 * @param pid pid of the task current on that CPU (0 for the idle task)
 * @param fields the event's fields in their printed order
 */
public record TraceEvent(long sequence, Tracepoint tracepoint, long timeNs, int cpu, String comm, int pid,
        List<Field> fields) {

    /**
     * One named field of an event; values are {@link Long}, {@link Integer} or {@link String}.
     *
     * @param name field name as ftrace prints it
     * @param value field value
     */
    public record Field(String name, Object value) {
    }

    /** Copies the field list. */
    public TraceEvent {
        fields = List.copyOf(fields);
    }

    /** @return the event name, e.g. {@code sched_switch} */
    public String name() {
        return tracepoint.name();
    }

    /**
     * @param name field name
     * @return the field's value, or {@code null} if the event has no such field
     */
    public Object field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        return null;
    }

    /**
     * @param name name of a numeric field
     * @return its value
     * @throws IllegalArgumentException if the event has no numeric field of that name
     */
    public long longField(String name) {
        if (field(name) instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(name() + " has no numeric field " + name);
    }

    /**
     * @param name field name
     * @return its value as text, or {@code null} if the event has no such field
     */
    public String stringField(String name) {
        Object v = field(name);
        return v == null ? null : v.toString();
    }

    /** @return the fields as ftrace prints them after the event name */
    public String fieldsText() {
        StringBuilder sb = new StringBuilder();
        String sep = tracepoint.separatorBeforeField();
        for (Field f : fields) {
            if (!sb.isEmpty()) {
                sb.append(f.name().equals(sep) ? " ==> " : " ");
            }
            sb.append(f.name()).append('=').append(f.value());
        }
        return sb.toString();
    }

    /** @return the {@code trace-cmd report} line of this event, without line terminator */
    @Override
    public String toString() {
        return String.format("%16s-%-7d [%03d] %5d.%06d: %s: %s", comm, pid, cpu, timeNs / 1_000_000_000L,
                timeNs % 1_000_000_000L / 1000, name(), fieldsText());
    }
}
