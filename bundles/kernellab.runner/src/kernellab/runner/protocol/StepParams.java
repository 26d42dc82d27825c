package kernellab.runner.protocol;

/**
 * @param kind what to step to
 * @param cpu the CPU for {@link StepKind#EVENT_ON_CPU} and {@link StepKind#SWITCH_ON_CPU}
 */
public record StepParams(StepKind kind, Integer cpu) {
}
