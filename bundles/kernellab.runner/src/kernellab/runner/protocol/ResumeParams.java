package kernellab.runner.protocol;

/**
 * @param untilNs stop (with {@link StopKind#TIME_LIMIT}) at this simulated time, or {@code null}
 */
public record ResumeParams(Long untilNs) {
}
