package kernellab.runner.protocol;

/** What a step runs to. */
public enum StepKind {
    /** The next trace event on any CPU. */
    EVENT,
    /** The next trace event on the given CPU (Step Into on a CPU thread). */
    EVENT_ON_CPU,
    /** The next context switch on the given CPU (Step Over; also Step Return: the current task leaves it). */
    SWITCH_ON_CPU
}
