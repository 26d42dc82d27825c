package kernellab.runner.protocol;

import java.util.List;

/**
 * One CPU's numbers at the end of a run.
 *
 * @param cpu CPU number
 * @param busyNs time spent running tasks
 * @param switches context switches
 * @param samples the CPU's WRR total weight and nr_running over time, sampled periodically
 */
public record CpuReport(int cpu, long busyNs, long switches, List<LoadSample> samples) {
}
