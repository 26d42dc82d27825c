package kernellab.runner.report;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Policy;
import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.LoadSample;
import kernellab.runner.protocol.SimulationReport;
import kernellab.runner.protocol.TaskReport;

/**
 * Each task's share of its CPU over the time it competed for it, against the share its WRR
 * weight entitles it to: the lab's question "does a task of weight w get w / total?".
 *
 * <p>The share over the whole run says nothing about the weights (every child of FactorizerRace
 * does the same work, so each has 1/20 of the run's CPU time). What the weights decide is the
 * rate at which a task runs while it waits with others: its <em>measured share</em> is its CPU
 * time over the time it was runnable, on the CPU or on the run queue ({@code sum_exec_runtime /
 * (sum_exec_runtime + run_delay)}, as {@code /proc/PID/schedstat} gives them). Its
 * <em>expected share</em> is {@code weight / total_weight} of its CPU's WRR queue, averaged over
 * its lifetime on that CPU (the report's load samples give total_weight over time): while 20 tasks of weights 1..20 compete
 * the one of weight 20 is due 20/210, and later, as the heavy ones exit, the light ones are due
 * more.
 */
public final class CpuShares {

    private CpuShares() {
    }

    /**
     * One task's shares.
     *
     * @param measured CPU time / runnable time, 0..1 (0 for a task that was never runnable)
     * @param expected weight / WRR total weight of its CPU over its lifetime, 0..1; {@code NaN} for
     *        a task that is not SCHED_WRR or has no load sample in its lifetime
     */
    public record Share(int pid, String comm, Policy policy, int weight, double measured, double expected) {

        /** @return whether {@link #expected} is known */
        public boolean hasExpected() {
            return !Double.isNaN(expected);
        }
    }

    /** @return every task's shares, in the report's order */
    public static List<Share> of(SimulationReport report) {
        List<Share> shares = new ArrayList<>();
        for (TaskReport t : report.tasks()) {
            long end = t.turnaroundNs() < 0 ? report.timeNs() : t.startTimeNs() + t.turnaroundNs();
            double expected = t.policy() == Policy.SCHED_WRR
                    ? expected(t.weight(), samplesOf(report.cpus(), t.cpu()), t.startTimeNs(), end) : Double.NaN;
            shares.add(new Share(t.pid(), t.comm(), t.policy(), t.weight(), measured(t.cpuTimeNs(), t.waitTimeNs()), expected));
        }
        return shares;
    }

    /** @return CPU time over runnable time (CPU time + time waiting on a run queue), 0 when both are 0 */
    public static double measured(long cpuTimeNs, long waitTimeNs) {
        long runnable = cpuTimeNs + waitTimeNs;
        return runnable <= 0 ? 0 : (double) cpuTimeNs / runnable;
    }

    /**
     * The time-weighted mean of {@code weight / total} over [{@code fromNs}, {@code toNs}], the
     * total being a step function of the samples (each holds until the next; the last until
     * {@code toNs}), counting only the time when the total holds the weight (the task was on
     * that queue).
     *
     * @param samples one CPU's load samples, by time
     * @return the mean, or {@code NaN} if no time counts
     */
    static double expected(int weight, List<LoadSample> samples, long fromNs, long toNs) {
        double due = 0;
        long counted = 0;
        for (int i = 0; i < samples.size(); i++) {
            LoadSample s = samples.get(i);
            long start = Math.max(fromNs, s.timeNs());
            long end = Math.min(toNs, i + 1 < samples.size() ? samples.get(i + 1).timeNs() : toNs);
            if (end > start && s.totalWeight() >= weight && s.totalWeight() > 0) {
                due += (double) (end - start) * weight / s.totalWeight();
                counted += end - start;
            }
        }
        return counted == 0 ? Double.NaN : due / counted;
    }

    private static List<LoadSample> samplesOf(List<CpuReport> cpus, int cpu) {
        return cpus.stream().filter(c -> c.cpu() == cpu).findFirst().map(CpuReport::samples).orElse(List.of());
    }
}
