package kernellab.runner.internal.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.TraceListener;

/**
 * Records a machine's trace: keeps the latest events and load counters in a bounded buffer
 * (for the IDE's timelines and exports on request), remembers each CPU's last event, and
 * streams everything to the attached {@link TraceSink}s (trace files).
 *
 * <p>Every tracepoint is recorded except {@code sched_stat_runtime}, which fires on every
 * accounting update and is not enabled by {@code trace-cmd record -e sched} setups either.
 *
 * <p>Load counters: after an event on a CPU (and on the destination of a wake-up or migration)
 * that CPU's {@code nr_running} and WRR total weight are read again before the next event is
 * handled, and a {@link LoadCounter} is emitted when they changed.
 */
public final class TraceRecorder implements TraceListener {

    private final int capacity;
    private final LoadProbe probe;
    private final ArrayDeque<TraceEvent> events = new ArrayDeque<>();
    private final ArrayDeque<LoadCounter> counters = new ArrayDeque<>();
    private final List<TraceSink> sinks = new ArrayList<>();
    private final TraceEvent[] lastOnCpu;
    private final int[] nrRunning;
    private final long[] totalWeight;
    private final BitSet dirty = new BitSet();
    private long lastSequence;

    /**
     * @param cpus number of CPUs
     * @param capacity how many events (and as many counters) to keep; 0 keeps none
     * @param probe reads the CPUs' load
     */
    public TraceRecorder(int cpus, int capacity, LoadProbe probe) {
        this.capacity = capacity;
        this.probe = probe;
        this.lastOnCpu = new TraceEvent[cpus];
        this.nrRunning = new int[cpus];
        this.totalWeight = new long[cpus];
        Arrays.fill(nrRunning, -1);
        dirty.set(0, cpus);
    }

    /**
     * Streams the trace from now on to a sink as well.
     *
     * @param sink the sink
     */
    public void addSink(TraceSink sink) {
        sinks.add(sink);
    }

    @Override
    public boolean onEvent(TraceEvent event) {
        if (event.tracepoint() == SchedTracepoints.SCHED_STAT_RUNTIME) {
            return false;
        }
        sampleLoad(event.timeNs());
        lastSequence = event.sequence();
        lastOnCpu[event.cpu()] = event;
        keep(events, event);
        for (TraceSink s : sinks) {
            try {
                s.event(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        dirty.set(event.cpu());
        markField(event, "target_cpu");
        markField(event, "dest_cpu");
        return false;
    }

    private void markField(TraceEvent event, String name) {
        if (event.field(name) instanceof Number n && n.intValue() >= 0 && n.intValue() < lastOnCpu.length) {
            dirty.set(n.intValue());
        }
    }

    private <T> void keep(ArrayDeque<T> buffer, T item) {
        if (capacity == 0) {
            return;
        }
        if (buffer.size() == capacity) {
            buffer.removeFirst();
        }
        buffer.addLast(item);
    }

    /**
     * Reads the load of the CPUs touched since the last sample and emits counters for changes.
     *
     * @param timeNs time to stamp the counters with
     */
    public void sampleLoad(long timeNs) {
        for (int cpu = dirty.nextSetBit(0); cpu >= 0; cpu = dirty.nextSetBit(cpu + 1)) {
            int n = probe.nrRunning(cpu);
            long w = probe.totalWeight(cpu);
            if (n != nrRunning[cpu] || w != totalWeight[cpu]) {
                nrRunning[cpu] = n;
                totalWeight[cpu] = w;
                LoadCounter c = new LoadCounter(timeNs, cpu, n, probe.weightedClass(), w);
                keep(counters, c);
                for (TraceSink s : sinks) {
                    try {
                        s.counter(c);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        dirty.clear();
    }

    /**
     * Ends the streams of all sinks.
     *
     * @param endNs simulated time at the end
     * @throws IOException if a sink fails
     */
    public void finish(long endNs) throws IOException {
        sampleLoad(endNs);
        for (TraceSink s : sinks) {
            s.finish(endNs);
        }
    }

    /** @return sequence number of the last recorded event (0 if none) */
    public long lastSequence() {
        return lastSequence;
    }

    /** @return sequence number of the oldest event still kept, or the next one's if none is kept */
    public long firstAvailable() {
        return events.isEmpty() ? lastSequence + 1 : events.peekFirst().sequence();
    }

    /**
     * @param cpu a CPU
     * @return the last event recorded on it, or {@code null}
     */
    public TraceEvent lastOnCpu(int cpu) {
        return lastOnCpu[cpu];
    }

    /**
     * @param afterSequence only events with a larger sequence number
     * @param max at most this many
     * @return kept events, oldest first
     */
    public List<TraceEvent> eventsAfter(long afterSequence, int max) {
        return scan(afterSequence, max, e -> true).events();
    }

    /**
     * What {@link #scan} found.
     *
     * @param events the accepted events, oldest first
     * @param scannedSequence the sequence number up to which events were looked at: the last
     *        accepted event's when {@code max} were accepted before the newest kept event, else
     *        {@link #lastSequence()} (or {@code afterSequence} if larger)
     * @param scannedTimeNs the time of the last event looked at, 0 if none was
     */
    public record Scan(List<TraceEvent> events, long scannedSequence, long scannedTimeNs) {
    }

    /**
     * Looks at the kept events after a sequence number, oldest first, and takes those a filter
     * accepts until it has {@code max} of them or has looked at every kept event.
     *
     * @param afterSequence only events with a larger sequence number
     * @param max at most this many accepted events
     * @param wanted which events to take; the others are skipped
     * @return the events taken and how far the scan went
     */
    public Scan scan(long afterSequence, int max, Predicate<TraceEvent> wanted) {
        Iterator<TraceEvent> newestFirst = events.descendingIterator();
        int newer = 0;
        while (newestFirst.hasNext() && newestFirst.next().sequence() > afterSequence) {
            newer++;
        }
        Iterator<TraceEvent> from = events.iterator();
        for (int skip = events.size() - newer; skip > 0; skip--) {
            from.next();
        }
        List<TraceEvent> out = new ArrayList<>();
        TraceEvent last = null;
        while (from.hasNext() && out.size() < max) {
            last = from.next();
            if (wanted.test(last)) {
                out.add(last);
            }
        }
        long scanned = !from.hasNext() ? Math.max(afterSequence, lastSequence) : last == null ? afterSequence : last.sequence();
        return new Scan(out, scanned, last == null ? 0 : last.timeNs());
    }

    /**
     * Writes the kept events and counters to a sink, in time order (a counter before an event
     * of the same time, as they were recorded).
     *
     * @param sink the sink
     * @param endNs simulated time at which open runs end
     * @return the number of events written
     * @throws IOException if the sink fails
     */
    public long replay(TraceSink sink, long endNs) throws IOException {
        Iterator<LoadCounter> cs = counters.iterator();
        LoadCounter c = cs.hasNext() ? cs.next() : null;
        for (TraceEvent e : events) {
            while (c != null && c.timeNs() <= e.timeNs()) {
                sink.counter(c);
                c = cs.hasNext() ? cs.next() : null;
            }
            sink.event(e);
        }
        while (c != null) {
            sink.counter(c);
            c = cs.hasNext() ? cs.next() : null;
        }
        sink.finish(endNs);
        return events.size();
    }
}
