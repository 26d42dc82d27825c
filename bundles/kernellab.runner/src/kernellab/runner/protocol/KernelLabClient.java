package kernellab.runner.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * What the simulator process tells the IDE, as notifications {@code kernellab/<method>}.
 */
@JsonSegment("kernellab")
public interface KernelLabClient {

    /**
     * The simulation stopped: at a breakpoint, after a step, on pause or at a time limit.
     *
     * @param event why, where and the trace event it stopped at
     */
    @JsonNotification
    void stopped(StoppedEvent event);

    /**
     * A task wrote to its standard output.
     *
     * @param line the text with the task that wrote it
     */
    @JsonNotification
    void output(OutputLine line);

    /**
     * The kernel printed a line to its log.
     *
     * @param line the log record
     */
    @JsonNotification
    void log(LogLine line);

    /**
     * Trace events recorded since the last batch, sent at most every 100 ms while the simulation
     * runs and once when it stops (more batches if one is not enough): only those
     * {@link LaunchParams#pushedEvents()} asks for, so a batch may carry none and only say how far
     * the trace went.
     *
     * @param batch the events
     */
    @JsonNotification
    void events(EventBatch batch);

    /**
     * The stop condition was met (all workloads exited or the duration passed); snapshots still
     * answer with the final state until {@link KernelLabServer#terminate()}.
     *
     * @param event why, and the run's report
     */
    @JsonNotification
    void exited(ExitedEvent event);
}
