package kernellab.runner.protocol;

import java.util.Map;

/**
 * One trace event as ftrace records it.
 *
 * @param sequence position in the machine's trace, from 1 without gaps
 * @param name event name, e.g. {@code sched_switch}
 * @param timeNs simulated time
 * @param cpu the CPU it happened on
 * @param comm command of the task current on that CPU ({@code <idle>} when idle)
 * @param pid pid of that task
 * @param fields the event's fields in ftrace's order, values as ftrace prints them
 */
public record TraceEventInfo(long sequence, String name, long timeNs, int cpu, String comm, int pid, Map<String, String> fields) {

    /**
     * @param field a numeric field, decimal or {@code 0x} hexadecimal
     * @return its value
     * @throws NumberFormatException if the event has no such numeric field
     */
    public long longField(String field) {
        String v = fields.get(field);
        if (v == null) {
            throw new NumberFormatException(name + " has no field " + field);
        }
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }
}
