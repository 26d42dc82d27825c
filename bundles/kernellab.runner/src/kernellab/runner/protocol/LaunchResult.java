package kernellab.runner.protocol;

import java.util.List;

/**
 * The booted machine, stopped at time 0.
 *
 * @param cpus number of CPUs (one debug thread each)
 * @param timeNs simulated time
 * @param tasks the tasks, init and the workloads' included
 */
public record LaunchResult(int cpus, long timeNs, List<TaskInfo> tasks) {
}
