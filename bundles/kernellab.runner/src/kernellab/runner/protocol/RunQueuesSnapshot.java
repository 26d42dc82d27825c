package kernellab.runner.protocol;

import java.util.List;

/**
 * All run queues at one moment.
 *
 * @param timeNs simulated time
 * @param lastSequence sequence number of the last trace event emitted so far
 * @param cpus one entry per CPU
 */
public record RunQueuesSnapshot(long timeNs, long lastSequence, List<CpuRunQueue> cpus) {
}
