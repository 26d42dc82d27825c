package kernellab.runner.internal.grade;

import java.util.List;
import java.util.Map;

import kernellab.api.Policy;
import kernellab.api.Workload;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import kernellab.core.trace.TraceEvent;

/**
 * The order of the classes ({@code for_each_class}: stop, deadline, rt, WRR, fair, idle): a
 * waking SCHED_FIFO task preempts a running WRR task at once, and a waking WRR task preempts a
 * running SCHED_NORMAL task at once ({@code wakeup_preempt} across classes). One CPU.
 */
final class ClassOrderScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of();

    private static final long MS = 1_000_000L;

    ClassOrderScenario(Settings s) {
    }

    /**
     * @param running the policy of the hog that runs
     * @param waking the policy of the task that wakes after 50 ms and must run at once
     */
    private static Program preemption(Policy running, Policy waking) {
        return new Program(waking + " wakes over " + running, () -> MachineConfig.builder().cpus(1), k -> {
            k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(300 * MS)).policy(running, running.isRealTime() ? 10 : 0)
                    .build());
            k.launch(TaskSpec.of("waker", (Workload) sys -> {
                sys.nanosleep(50 * MS);
                sys.compute(5 * MS);
            }).policy(waking, waking.isRealTime() ? 10 : 0).build());
        }, 10_000 * MS);
    }

    @Override
    public List<Program> programs() {
        return List.of(preemption(Policy.SCHED_WRR, Policy.SCHED_FIFO), preemption(Policy.SCHED_NORMAL, Policy.SCHED_WRR));
    }

    @Override
    public void run(Lab lab, Outcome out) {
        check(lab, out, Policy.SCHED_WRR, Policy.SCHED_FIFO, "RT preempts WRR");
        check(lab, out, Policy.SCHED_NORMAL, Policy.SCHED_WRR, "WRR preempts NORMAL");
    }

    private static void check(Lab lab, Outcome out, Policy running, Policy waking, String rule) {
        try (Bench b = lab.bench(preemption(running, waking)).run()) {
            int pid = b.tasks("waker").get(0).pid();
            long wake = -1;
            long in = -1;
            for (TraceEvent e : b.events()) {
                if (wake < 0 && e.name().equals("sched_wakeup") && e.longField("pid") == pid) {
                    wake = e.timeNs();
                } else if (wake >= 0 && e.name().equals("sched_switch") && e.longField("next_pid") == pid) {
                    in = e.timeNs();
                    break;
                }
            }
            long start = in;
            boolean kept = Stretches.of(b.events(), pid).stream().anyMatch(s -> s.startNs() == start && s.lengthNs() == 5 * MS);
            boolean ok = wake >= 0 && in == wake && kept;
            out.check(rule, ok, "a " + waking + " task woken at " + (wake < 0 ? "?" : Stretches.ms(wake)) + " over a running "
                    + running + " task " + (in < 0 ? "never ran" : "ran at " + Stretches.ms(in))
                    + (ok ? " and kept the CPU for its 5 ms" : "; it must run at once and keep the CPU for its 5 ms"));
        }
    }
}
