package kernellab.launch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kernellab.runner.protocol.ClassQueueInfo;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TraceEventInfo;

import org.eclipse.debug.core.model.IDebugTarget;

/**
 * Builds the Variables view's tree from a snapshot, with the kernel's field names: a CPU's
 * {@code struct rq} with its {@code rt}, {@code wrr} and {@code cfs} parts, a
 * {@code task_struct}, and the fields of the trace event the CPU stopped at.
 */
final class KernelVariables {

    private KernelVariables() {
    }

    /** The variables of a CPU's frame: its run queue, its current task and its last event. */
    static List<KernelVariable> ofCpu(IDebugTarget t, CpuRunQueue rq) {
        List<KernelVariable> vars = new ArrayList<>();
        vars.add(runQueue(t, rq));
        vars.add(rq.curr() == null ? KernelVariable.scalar(t, "curr", "task_struct *", "swapper/" + rq.cpu() + " (idle)")
                : task(t, "curr", rq.curr()));
        if (rq.lastEvent() != null) {
            vars.add(event(t, rq.lastEvent()));
        }
        return vars;
    }

    /**
     * {@code struct rq} with one member per scheduling class's queue ({@code rt}, the class of
     * policy 7 under its own name, {@code cfs}): its count of runnable tasks under the kernel's
     * name ({@code rt_nr_running}, {@code wrr_nr_running}, {@code nr_running}), its figures and its
     * tasks in pick order, so a student's class shows like a built-in one.
     */
    static KernelVariable runQueue(IDebugTarget t, CpuRunQueue rq) {
        List<KernelVariable> fields = new ArrayList<>();
        fields.add(KernelVariable.scalar(t, "cpu", "int", rq.cpu()));
        fields.add(KernelVariable.scalar(t, "nr_running", "unsigned int", rq.nrRunning()));
        fields.add(KernelVariable.scalar(t, "nr_switches", "u64", rq.nrSwitches()));
        for (ClassQueueInfo q : rq.queues()) {
            List<KernelVariable> counters = new ArrayList<>();
            counters.add(KernelVariable.scalar(t, q.name().equals("cfs") ? "nr_running" : q.name() + "_nr_running",
                    "unsigned int", q.nrRunning()));
            for (ClassQueueInfo.Figure f : q.figures()) {
                counters.add(KernelVariable.scalar(t, f.name(), "long", f.value()));
            }
            fields.add(queue(t, q.name(), "struct " + q.name() + "_rq", q.tasks(), counters));
        }
        String summary = "nr_running=" + rq.nrRunning();
        if (rq.policyClass() != null) {
            summary += ", " + rq.policyClass() + ".total_weight=" + rq.totalWeight();
        }
        return KernelVariable.struct(t, "rq", "struct rq", summary, fields);
    }

    private static KernelVariable queue(IDebugTarget t, String name, String type, List<TaskInfo> tasks,
            List<KernelVariable> counters) {
        List<KernelVariable> fields = new ArrayList<>(counters);
        for (int i = 0; i < tasks.size(); i++) {
            fields.add(task(t, "[" + i + "]", tasks.get(i)));
        }
        String summary = counters.stream().map(v -> v.getName() + "=" + v.getValue().getValueString())
                .reduce((a, b) -> a + ", " + b).orElse("");
        return KernelVariable.struct(t, name, type, summary, fields);
    }

    static KernelVariable task(IDebugTarget t, String name, TaskInfo task) {
        List<KernelVariable> f = new ArrayList<>();
        f.add(KernelVariable.scalar(t, "pid", "pid_t", task.pid()));
        f.add(KernelVariable.scalar(t, "tgid", "pid_t", task.tgid()));
        f.add(KernelVariable.scalar(t, "comm", "char[16]", task.comm()));
        f.add(KernelVariable.scalar(t, "__state", "char", task.state()));
        f.add(KernelVariable.scalar(t, "policy", "unsigned int", task.policy()));
        f.add(KernelVariable.scalar(t, "prio", "int", task.prio()));
        f.add(KernelVariable.scalar(t, "rt_priority", "unsigned int", task.rtPriority()));
        f.add(KernelVariable.scalar(t, "nice", "int", task.nice()));
        f.add(KernelVariable.scalar(t, "scx.weight", "unsigned int", task.weight()));
        f.add(KernelVariable.scalar(t, "scx.slice", "ns", task.sliceRemainingNs()));
        f.add(KernelVariable.scalar(t, "sched_class", "const struct sched_class *", task.schedClass()));
        f.add(KernelVariable.scalar(t, "se.vruntime", "u64", task.vruntime()));
        f.add(KernelVariable.scalar(t, "cpu", "unsigned int", task.cpu()));
        f.add(KernelVariable.scalar(t, "on_cpu", "int", task.onCpu() ? 1 : 0));
        f.add(KernelVariable.scalar(t, "on_rq", "int", task.onRq() ? 1 : 0));
        f.add(KernelVariable.scalar(t, "cpus_allowed", "cpumask_t", task.cpusAllowed()));
        f.add(KernelVariable.scalar(t, "uid", "kuid_t", task.uid()));
        f.add(KernelVariable.scalar(t, "se.sum_exec_runtime", "u64", task.sumExecRuntimeNs()));
        f.add(KernelVariable.scalar(t, "sched_info.run_delay", "unsigned long long", task.runDelayNs()));
        f.add(KernelVariable.scalar(t, "nvcsw", "unsigned long", task.nvcsw()));
        f.add(KernelVariable.scalar(t, "nivcsw", "unsigned long", task.nivcsw()));
        f.add(KernelVariable.scalar(t, "se.nr_migrations", "u64", task.migrations()));
        f.add(KernelVariable.scalar(t, "start_time", "u64", task.startTimeNs()));
        return KernelVariable.struct(t, name, "struct task_struct", label(task), f);
    }

    static KernelVariable event(IDebugTarget t, TraceEventInfo e) {
        List<KernelVariable> f = new ArrayList<>();
        for (Map.Entry<String, String> field : e.fields().entrySet()) {
            f.add(KernelVariable.scalar(t, field.getKey(), "field", field.getValue()));
        }
        return KernelVariable.struct(t, "event", e.name(), describe(e), f);
    }

    /** {@code hog [17] SCHED_WRR w=5, slice 30 ms left}, as the CPU threads are labelled. */
    static String label(TaskInfo task) {
        String params = switch (task.policy()) {
            case SCHED_WRR -> " w=" + task.weight() + ", slice " + task.sliceRemainingNs() / 1_000_000 + " ms left";
            case SCHED_FIFO, SCHED_RR -> " prio " + task.rtPriority();
            default -> " nice " + task.nice();
        };
        return task.comm() + " [" + task.pid() + "] " + task.policy() + params;
    }

    /** {@code sched_switch prev_comm=a prev_pid=1 … } as ftrace prints the event's fields. */
    static String describe(TraceEventInfo e) {
        StringBuilder out = new StringBuilder(e.name());
        e.fields().forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        return out.toString();
    }

    /** Simulated time as seconds with nanoseconds, like ftrace's timestamps with more digits. */
    static String seconds(long ns) {
        return String.format(Locale.ROOT, "%d.%09d s", ns / 1_000_000_000L, ns % 1_000_000_000L);
    }
}
