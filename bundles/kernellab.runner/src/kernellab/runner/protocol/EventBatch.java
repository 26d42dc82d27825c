package kernellab.runner.protocol;

import java.util.List;

/**
 * Recorded trace events. The runner keeps the most recent events of a run (see
 * {@link KernelLabProtocol#RECORDED_EVENTS}); older ones are dropped.
 *
 * @param firstAvailable sequence number of the oldest event still recorded (1 if none was dropped)
 * @param lastSequence sequence number of the newest event emitted so far
 * @param events the events asked for, oldest first
 * @param scannedSequence the sequence number up to which the recorded events were looked at,
 *        those a filter ({@link EventsParams#names()}) skipped included: the next request's
 *        {@code afterSequence}. The last event's sequence number when the batch is full, else
 *        {@code lastSequence} (or the request's {@code afterSequence} if that is larger)
 * @param scannedTimeNs simulated time of the last event looked at (0 if none was): how far the
 *        client has seen the trace even when that event was skipped
 */
public record EventBatch(long firstAvailable, long lastSequence, List<TraceEventInfo> events, long scannedSequence,
        long scannedTimeNs) {
}
