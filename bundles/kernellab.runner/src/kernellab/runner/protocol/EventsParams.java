package kernellab.runner.protocol;

/**
 * Which recorded events to send.
 *
 * @param afterSequence send events with a larger sequence number
 * @param max at most this many (the oldest first)
 */
public record EventsParams(long afterSequence, int max) {
}
