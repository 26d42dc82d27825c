package kernellab.runner.protocol;

import java.util.List;

/**
 * Where the simulation stopped.
 *
 * @param reason why
 * @param breakpointIds the breakpoints that matched (empty unless {@link StopKind#BREAKPOINT})
 * @param event the trace event it stopped at, or {@code null} (pause, time limit)
 * @param cpu the CPU to select: the event's CPU, or {@code null}
 * @param timeNs simulated time
 * @param description a line for the Debug view, e.g. {@code sched_switch prev=hog[17] next=io[18]}
 */
public record StoppedEvent(StopKind reason, List<Integer> breakpointIds, TraceEventInfo event, Integer cpu, long timeNs,
        String description) {
}
