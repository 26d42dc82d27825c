package kernellab.runner.protocol;

import java.util.List;

/**
 * What to simulate, and which trace events the {@link KernelLabClient#events} batches carry.
 *
 * <p>The runner records every event either way ({@link KernelLabServer#traceEvents} reads them
 * all); {@code pushedEvents} only decides which of them are sent unasked while the simulation
 * runs, like ftrace's {@code set_event} decides what reaches {@code trace_pipe}. A client that
 * only needs to know that the simulation moved asks for none: each batch then carries no event
 * but still says how far the trace went ({@link EventBatch#lastSequence()},
 * {@link EventBatch#scannedSequence()}, {@link EventBatch#scannedTimeNs()}), and one is sent
 * per interval in which events were recorded, whether or not any was wanted. An empty list
 * means no event here, unlike {@link EventsParams#names()}, where it means all: a request for
 * nothing has no use, a batch that is only a progress tick has.
 *
 * <p>{@code pushedEvents} was added in version 2 without a version change: Gson reads a
 * launch request without it as {@code null} (all events, as before), and the IDE and the runner
 * it launches always come from the same installation.
 *
 * @param machine the machine
 * @param workloads the workloads to start at time 0
 * @param classpath jars and directories where workload classes are found (besides the runner's
 *        own class path)
 * @param stop when the simulation ends
 * @param pushedEvents the event names (e.g. {@code sched_switch}) the pushed batches carry;
 *        {@code null}: all; empty: none. A name no tracepoint has matches nothing; a {@code null}
 *        element is an invalid parameter
 */
public record LaunchParams(MachineSpec machine, List<WorkloadSpec> workloads, List<String> classpath, StopCondition stop,
        List<String> pushedEvents) {

    /**
     * Pushes all events.
     *
     * @param machine the machine
     * @param workloads the workloads to start at time 0
     * @param classpath jars and directories where workload classes are found
     * @param stop when the simulation ends
     */
    public LaunchParams(MachineSpec machine, List<WorkloadSpec> workloads, List<String> classpath, StopCondition stop) {
        this(machine, workloads, classpath, stop, null);
    }
}
