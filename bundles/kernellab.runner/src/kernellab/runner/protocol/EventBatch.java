package kernellab.runner.protocol;

import java.util.List;

/**
 * Recorded trace events. The runner keeps the most recent events of a run (see
 * {@link KernelLabProtocol#RECORDED_EVENTS}); older ones are dropped.
 *
 * @param firstAvailable sequence number of the oldest event still recorded (1 if none was dropped)
 * @param lastSequence sequence number of the newest event emitted so far
 * @param events the events asked for, oldest first
 */
public record EventBatch(long firstAvailable, long lastSequence, List<TraceEventInfo> events) {
}
