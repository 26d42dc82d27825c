package kernellab.runner.protocol;

import java.util.List;

/**
 * What to simulate.
 *
 * @param machine the machine
 * @param workloads the workloads to start at time 0
 * @param classpath jars and directories where workload classes are found (besides the runner's
 *        own class path)
 * @param stop when the simulation ends
 */
public record LaunchParams(MachineSpec machine, List<WorkloadSpec> workloads, List<String> classpath, StopCondition stop) {
}
