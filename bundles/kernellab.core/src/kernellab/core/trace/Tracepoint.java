package kernellab.core.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named static tracepoint, as declared with {@code TRACE_EVENT()} in the kernel. Each
 * tracepoint has a process-wide unique name ({@code sched_switch}, {@code mm_page_alloc}…) and
 * a small integer id used by {@link Tracer} for constant-time enablement checks.
 *
 * <p>Subsystems declare their tracepoints as constants, e.g.
 * {@code static final Tracepoint MM_PAGE_ALLOC = Tracepoint.define("mm_page_alloc");}.
 * The scheduler's tracepoints are in {@link SchedTracepoints}.
 */
public final class Tracepoint {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private static final Map<String, Tracepoint> BY_NAME = new ConcurrentHashMap<>();

    private final String name;
    private final int id;
    private final String separator;

    private Tracepoint(String name, int id, String separator) {
        this.name = name;
        this.id = id;
        this.separator = separator;
    }

    /**
     * Defines (or returns the already defined) tracepoint with this name; its fields are
     * printed {@code name=value} separated by single spaces.
     *
     * @param name the event name as ftrace prints it
     * @return the tracepoint
     */
    public static Tracepoint define(String name) {
        return define(name, null);
    }

    /**
     * Defines a tracepoint whose printed fields are split in two groups, as
     * {@code sched_switch} prints {@code prev_… ==> next_…}.
     *
     * @param name the event name as ftrace prints it
     * @param separatorBeforeField name of the first field of the second group, printed after
     *        {@code " ==> "}; {@code null} for a single group
     * @return the tracepoint
     */
    public static Tracepoint define(String name, String separatorBeforeField) {
        Objects.requireNonNull(name, "name");
        return BY_NAME.computeIfAbsent(name, n -> new Tracepoint(n, NEXT_ID.getAndIncrement(), separatorBeforeField));
    }

    /**
     * Looks a tracepoint up by name.
     *
     * @param name event name
     * @return the tracepoint, or {@code null} if none is defined with that name
     */
    public static Tracepoint byName(String name) {
        return BY_NAME.get(name);
    }

    /** @return all tracepoints defined so far in this JVM, sorted by name */
    public static List<Tracepoint> all() {
        return BY_NAME.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toList();
    }

    /** @return the event name, e.g. {@code sched_switch} */
    public String name() {
        return name;
    }

    /** @return a small dense integer identifying this tracepoint in this JVM */
    public int id() {
        return id;
    }

    String separatorBeforeField() {
        return separator;
    }

    @Override
    public String toString() {
        return name;
    }
}
