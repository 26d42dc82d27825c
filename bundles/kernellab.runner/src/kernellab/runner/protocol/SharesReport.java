package kernellab.runner.protocol;

import java.util.List;

/**
 * The SCHED_WRR tasks' shares of the CPU time over the window where they all competed (see
 * {@code kernellab.core.sched.CpuShares}).
 *
 * @param startNs start of the window: the last of them became runnable
 * @param endNs its end: the first of them exited (or the run ended)
 * @param tasks one per SCHED_WRR task, in pid order; empty if they never competed
 */
public record SharesReport(long startNs, long endNs, List<TaskShare> tasks) {

    /**
     * @param pid the task
     * @param weight its SCHED_WRR weight at the end of the window
     * @param measured its CPU time in the window / the group's
     * @param expected its due under weighted fair sharing of the machine's CPUs, each task using at most one
     */
    public record TaskShare(int pid, int weight, double measured, double expected) {
    }
}
