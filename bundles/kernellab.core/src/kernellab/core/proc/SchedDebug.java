package kernellab.core.proc;

import kernellab.core.sched.CfsRunQueue;
import kernellab.core.sched.RunQueue;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.sched.WrrRunQueue;

/**
 * {@code /proc/sched_debug} in the layout of {@code kernel/sched/debug.c} (v0.11): a header with
 * the clocks and fair tunables, then per CPU the run-queue fields, the {@code cfs_rq},
 * {@code rt_rq} and the lab's {@code wrr_rq} sections (with each WRR task's weight and
 * remaining slice), and the table of the CPU's tasks.
 */
final class SchedDebug {

    private SchedDebug() {
    }

    static String render(Scheduler s) {
        StringBuilder sb = new StringBuilder();
        long now = s.now();
        sb.append("Sched Debug Version: v0.11, 5.4.0-kernellab #1\n");
        header(sb, "ktime", Fmt.splitNs(now));
        header(sb, "sched_clk", Fmt.splitNs(now));
        header(sb, "cpu_clk", Fmt.splitNs(now));
        header(sb, "jiffies", Long.toString(s.jiffies()));
        sb.append("\nsysctl_sched\n");
        sysctl(sb, "sysctl_sched_latency", Fmt.splitNs(s.fairLatencyNs()));
        sysctl(sb, "sysctl_sched_min_granularity", Fmt.splitNs(s.fairMinGranularityNs()));
        sysctl(sb, "sysctl_sched_wakeup_granularity", Fmt.splitNs(s.fairWakeupGranularityNs()));
        sysctl(sb, "sysctl_sched_child_runs_first", "0");
        sysctl(sb, "sysctl_sched_wrr_base_slice", Fmt.splitNs(s.config().wrrBaseSliceNs()));
        sysctl(sb, "sysctl_sched_tunable_scaling", "1 (logarithmic)");
        sb.append('\n');
        for (int cpu = 0; cpu < s.nrCpus(); cpu++) {
            cpu(sb, s, s.runQueue(cpu));
        }
        return sb.toString();
    }

    private static void header(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-40s: %s%n", name, value));
    }

    private static void sysctl(StringBuilder sb, String name, String value) {
        sb.append(String.format("  .%-40s: %s%n", name, value));
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(String.format("  .%-30s: %s%n", name, value));
    }

    private static void cpu(StringBuilder sb, Scheduler s, RunQueue rq) {
        int cpu = rq.cpu();
        sb.append("cpu#").append(cpu).append(", 2400.000 MHz\n");
        field(sb, "nr_running", rq.nrRunning());
        field(sb, "nr_switches", rq.nrSwitches());
        field(sb, "nr_uninterruptible", 0);
        field(sb, "curr->pid", rq.curr().pid());
        field(sb, "clock", Fmt.splitNs(s.now()));
        field(sb, "clock_task", Fmt.splitNs(s.now()));
        field(sb, "yld_count", rq.stats().yldCount());
        field(sb, "sched_count", rq.stats().schedCount());
        field(sb, "sched_goidle", rq.stats().schedGoidle());
        field(sb, "ttwu_count", rq.stats().ttwuCount());
        field(sb, "ttwu_local", rq.stats().ttwuLocal());

        CfsRunQueue cfs = rq.cfs();
        sb.append("\ncfs_rq[").append(cpu).append("]:\n");
        var waiting = cfs.tasks();
        long first = waiting.isEmpty() ? -1 : waiting.get(0).vruntime();
        long last = waiting.isEmpty() ? -1 : waiting.get(waiting.size() - 1).vruntime();
        field(sb, "MIN_vruntime", Fmt.splitNs(first));
        field(sb, "min_vruntime", Fmt.splitNs(cfs.minVruntime()));
        field(sb, "max_vruntime", Fmt.splitNs(last));
        field(sb, "spread", Fmt.splitNs(last - first));
        field(sb, "spread0", Fmt.splitNs(cfs.minVruntime() - s.runQueue(0).cfs().minVruntime()));
        field(sb, "nr_running", cfs.nrRunning());
        field(sb, "load", cfs.loadWeight() << 10);

        sb.append("\nrt_rq[").append(cpu).append("]:\n");
        field(sb, "rt_nr_running", rq.rt().nrRunning());
        field(sb, "rt_throttled", rq.rt().throttled() ? 1 : 0);
        field(sb, "rt_time", Fmt.splitNs(rq.rt().rtTime()));
        field(sb, "rt_runtime", Fmt.splitNs(s.config().rtThrottling() ? s.config().rtRuntimeNs() : -1));

        WrrRunQueue wrr = rq.wrr();
        sb.append("\nwrr_rq[").append(cpu).append("]:\n");
        field(sb, "wrr_nr_running", wrr.nrRunning());
        field(sb, "total_weight", wrr.totalWeight());
        sb.append(" S           task   PID weight       time-slice\n");
        sb.append("-".repeat(48)).append('\n');
        for (Task t : wrr.tasks()) {
            sb.append(rq.curr() == t ? ">R" : " R");
            sb.append(String.format("%15s %5d %6d %16s%n", t.comm(), t.pid(), t.wrrWeight(),
                    Fmt.splitNs(t.wrrSliceRemaining())));
        }

        sb.append("\nrunnable tasks:\n");
        sb.append(" S           task   PID         tree-key  switches  prio     wait-time             sum-exec        sum-sleep\n");
        sb.append("-".repeat(107)).append('\n');
        for (Task t : s.tasks()) {
            if (t.cpu() != cpu || t.exitTime() >= 0) {
                continue;
            }
            sb.append(rq.curr() == t ? ">R" : " " + t.state().letter());
            sb.append(String.format("%15s %5d %16s %9d %5d ", t.comm(), t.pid(), Fmt.splitNs(t.vruntime()),
                    t.nvcsw() + t.nivcsw(), t.prio()));
            sb.append(String.format("%16s %16s %16s", Fmt.splitNs(t.runDelay()), Fmt.splitNs(t.sumExecRuntime()),
                    Fmt.splitNs(0)));
            sb.append('\n');
        }
        sb.append('\n');
    }
}
