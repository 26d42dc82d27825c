package kernellab.runner.protocol;

/**
 * When a simulation ends (whichever comes first).
 *
 * @param durationNs simulated time after which it ends, or {@code null} for no limit
 * @param untilExit whether it ends when every launched workload task has exited
 */
public record StopCondition(Long durationNs, boolean untilExit) {
}
