package kernellab.runner.protocol;

import java.util.List;

/**
 * The machine-readable result of a run, also written by {@code kernellab run --report}.
 *
 * @param version {@link KernelLabProtocol#VERSION} of this format
 * @param timeNs simulated time at the end
 * @param events simulation events processed
 * @param stopReason why the run ended
 * @param tasks every workload task (and its descendants), in pid order
 * @param cpus every CPU
 * @param schedClass the class that served SCHED_WRR and whether it was disabled, or {@code null} if none was loaded
 * @param shares the SCHED_WRR tasks' measured and expected shares of the CPU while they competed
 */
public record SimulationReport(int version, long timeNs, long events, String stopReason, List<TaskReport> tasks,
        List<CpuReport> cpus, SchedClassReport schedClass, SharesReport shares) {
}
