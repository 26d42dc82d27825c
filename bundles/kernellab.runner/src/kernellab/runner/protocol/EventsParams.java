package kernellab.runner.protocol;

import java.util.List;

/**
 * Which recorded events to send: those after a sequence number, optionally only some
 * tracepoints, like {@code trace-cmd report -F sched_switch} reads only the events asked for.
 *
 * <p>The runner looks at the recorded events after {@code afterSequence}, oldest first, and
 * skips those whose name is not in {@code names} before building the batch; it stops at the
 * {@code max}-th event it sends or at the newest recorded one. {@code max} counts sent events:
 * it bounds the size of the answer, and the events looked at are bounded by what the runner
 * keeps ({@link KernelLabProtocol#RECORDED_EVENTS}), each skipped one costing only a name
 * lookup, so a request never takes unbounded time. The batch's
 * {@link EventBatch#scannedSequence()} says where to continue, past a skipped tail too.
 *
 * <p>{@code names} was added in version 2 without a version change: Gson reads a request
 * without it as {@code null} (all events), and the IDE and the runner it launches always come
 * from the same installation.
 *
 * @param afterSequence send events with a larger sequence number
 * @param max at most this many events are sent (the oldest first); 0 or less: the runner's usual batch
 * @param names the event names wanted (e.g. {@code sched_switch}); {@code null} or empty: all.
 *        A name no tracepoint has matches nothing; a {@code null} element is an invalid parameter
 */
public record EventsParams(long afterSequence, int max, List<String> names) {

    /**
     * Asks for all events.
     *
     * @param afterSequence send events with a larger sequence number
     * @param max at most this many (the oldest first)
     */
    public EventsParams(long afterSequence, int max) {
        this(afterSequence, max, null);
    }
}
