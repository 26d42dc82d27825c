package kernellab.core.proc;

import java.util.LinkedHashMap;
import java.util.Map;

import kernellab.core.sched.CfsRunQueue;
import kernellab.core.sched.ClassQueue;
import kernellab.core.sched.RunQueue;
import kernellab.core.sched.RtSysctls;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;

/**
 * {@code /proc/sched_debug} in the layout of {@code kernel/sched/debug.c} (v0.11): a header with
 * the clocks and the classes' tunables, then per CPU the run-queue fields, the {@code cfs_rq} and
 * {@code rt_rq} sections as {@code print_cfs_rq} and {@code print_rt_rq} print them, a section
 * {@code NAME_rq} for the class of policy 7 whatever its name (the lab's {@code wrr_rq}: the
 * kernel's count and total weight, the class's own figures, and its queue in pick order with
 * each task's weight and remaining slice), and the table of the CPU's tasks.
 */
final class SchedDebug {

    /** The fair class's tunables, printed first as {@code sched_debug_header} does. */
    private static final String[] FAIR_SYSCTLS = {"sysctl_sched_latency", "sysctl_sched_min_granularity",
        "sysctl_sched_wakeup_granularity"};

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
        Map<String, Long> sysctls = new LinkedHashMap<>(s.sysctls());
        for (String fair : FAIR_SYSCTLS) {
            sysctl(sb, fair, Fmt.splitNs(sysctls.remove(fair)));
        }
        sysctl(sb, "sysctl_sched_child_runs_first", "0");
        sysctls.forEach((name, ns) -> sysctl(sb, name, Fmt.splitNs(ns)));
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
        int runtimeUs = s.rtSysctls().rtRuntimeUs();
        field(sb, "rt_runtime", Fmt.splitNs(runtimeUs == RtSysctls.RUNTIME_INF ? -1 : runtimeUs * 1000L));

        for (ClassQueue q : rq.classQueues()) {
            if (q.name().equals(s.policyClassName())) {
                policyClass(sb, rq, q);
            }
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

    /** The section of the class of policy 7: {@code NAME_nr_running}, its figures ({@code total_weight} first), its queue. */
    private static void policyClass(StringBuilder sb, RunQueue rq, ClassQueue q) {
        sb.append('\n').append(q.name()).append("_rq[").append(rq.cpu()).append("]:\n");
        field(sb, q.name() + "_nr_running", q.nrRunning());
        for (ClassQueue.Figure f : q.figures()) {
            field(sb, f.name(), f.value());
        }
        sb.append(" S           task   PID weight       time-slice\n");
        sb.append("-".repeat(48)).append('\n');
        for (Task t : q.tasks()) {
            sb.append(rq.curr() == t ? ">R" : " R");
            sb.append(String.format("%15s %5d %6d %16s%n", t.comm(), t.pid(), t.weight(), Fmt.splitNs(t.sliceLeft())));
        }
    }
}
