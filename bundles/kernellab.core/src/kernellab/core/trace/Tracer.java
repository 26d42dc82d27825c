package kernellab.core.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The machine's trace subsystem: holds the listeners and hands them the events emitted by
 * tracepoints, like ftrace's ring buffer plus its readers. One per machine.
 *
 * <p>Emitting code checks {@link #enabled(Tracepoint)} first so that a disabled tracepoint
 * costs one array read and no allocation, like a static key in the kernel:
 *
 * <pre>{@code
 * if (tracer.enabled(MM_PAGE_ALLOC)) {
 *     tracer.event(MM_PAGE_ALLOC).field("pfn", pfn).field("order", order).emit();
 * }
 * }</pre>
 *
 * Listeners run synchronously on the simulation thread; a listener that returns {@code true}
 * stops the engine after the current step (see {@link TraceListener}). Listeners may be added
 * and removed from any thread at any time.
 */
public final class Tracer {

    private record Subscription(TraceListener listener, Tracepoint[] tracepoints) {
    }

    /** The listeners, replaced as a whole on every change so that readers need no lock. */
    private record Subscriptions(Subscription[] all, int[] perTracepoint, int wildcards) {
    }

    private final TraceContext context;
    private volatile Subscriptions subscriptions = new Subscriptions(new Subscription[0], new int[0], 0);
    private long sequence;

    /**
     * @param context the machine's clock and current-task view
     */
    public Tracer(TraceContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Subscribes a listener to the given tracepoints, or to all tracepoints when none are given.
     * Any thread may call this, also while the simulation runs; the listener sees the events
     * emitted after the call.
     *
     * @param listener the listener
     * @param tracepoints the tracepoints it wants; empty for all
     */
    public synchronized void addListener(TraceListener listener, Tracepoint... tracepoints) {
        Objects.requireNonNull(listener, "listener");
        Subscriptions old = subscriptions;
        Subscription[] all = Arrays.copyOf(old.all(), old.all().length + 1);
        all[all.length - 1] = new Subscription(listener, tracepoints.clone());
        subscriptions = index(all);
    }

    /**
     * Removes every subscription of this listener. Any thread may call this.
     *
     * @param listener the listener
     */
    public synchronized void removeListener(TraceListener listener) {
        subscriptions = index(Arrays.stream(subscriptions.all()).filter(s -> s.listener() != listener)
                .toArray(Subscription[]::new));
    }

    private static Subscriptions index(Subscription[] all) {
        int[] counts = new int[0];
        int wildcards = 0;
        for (Subscription s : all) {
            if (s.tracepoints().length == 0) {
                wildcards++;
            }
            for (Tracepoint tp : s.tracepoints()) {
                if (tp.id() >= counts.length) {
                    counts = Arrays.copyOf(counts, tp.id() + 1);
                }
                counts[tp.id()]++;
            }
        }
        return new Subscriptions(all, counts, wildcards);
    }

    /**
     * @param tracepoint a tracepoint
     * @return whether any listener wants its events; emitting code skips building events otherwise
     */
    public boolean enabled(Tracepoint tracepoint) {
        Subscriptions s = subscriptions;
        int id = tracepoint.id();
        return s.wildcards() > 0 || id < s.perTracepoint().length && s.perTracepoint()[id] > 0;
    }

    /**
     * Starts an event on the CPU whose code is executing now.
     *
     * @param tracepoint the tracepoint
     * @return a builder; add the fields in printed order, then {@link EventBuilder#emit()}
     */
    public EventBuilder event(Tracepoint tracepoint) {
        return event(tracepoint, context.currentCpu());
    }

    /**
     * Starts an event on a given CPU.
     *
     * @param tracepoint the tracepoint
     * @param cpu the CPU the event belongs to
     * @return a builder; add the fields in printed order, then {@link EventBuilder#emit()}
     */
    public EventBuilder event(Tracepoint tracepoint, int cpu) {
        return new EventBuilder(tracepoint, cpu);
    }

    /** @return the number of events emitted so far (the sequence number of the last one) */
    public long sequence() {
        return sequence;
    }

    private void dispatch(TraceEvent event) {
        boolean stop = false;
        int id = event.tracepoint().id();
        for (Subscription s : subscriptions.all()) {
            if (wants(s, id) && s.listener().onEvent(event)) {
                stop = true;
            }
        }
        if (stop) {
            context.requestStop(event);
        }
    }

    private static boolean wants(Subscription s, int id) {
        if (s.tracepoints().length == 0) {
            return true;
        }
        for (Tracepoint tp : s.tracepoints()) {
            if (tp.id() == id) {
                return true;
            }
        }
        return false;
    }

    /** Collects the fields of one event; obtained from {@link Tracer#event(Tracepoint)}. */
    public final class EventBuilder {
        private final Tracepoint tracepoint;
        private final int cpu;
        private final List<TraceEvent.Field> fields = new ArrayList<>(8);

        private EventBuilder(Tracepoint tracepoint, int cpu) {
            this.tracepoint = tracepoint;
            this.cpu = cpu;
        }

        /**
         * Appends a numeric field.
         *
         * @param name field name
         * @param value value
         * @return this builder
         */
        public EventBuilder field(String name, long value) {
            fields.add(new TraceEvent.Field(name, value));
            return this;
        }

        /**
         * Appends a text field.
         *
         * @param name field name
         * @param value value
         * @return this builder
         */
        public EventBuilder field(String name, String value) {
            fields.add(new TraceEvent.Field(name, value));
            return this;
        }

        /**
         * Stamps the event with time, CPU and current task, and hands it to the listeners.
         *
         * @return the emitted event
         */
        public TraceEvent emit() {
            TraceEvent e = new TraceEvent(++sequence, tracepoint, context.now(), cpu, context.currentComm(cpu),
                    context.currentPid(cpu), fields);
            dispatch(e);
            return e;
        }
    }
}
