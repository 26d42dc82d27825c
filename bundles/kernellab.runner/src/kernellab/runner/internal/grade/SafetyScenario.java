package kernellab.runner.internal.grade;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import kernellab.api.Policy;
import kernellab.api.Workload;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.core.task.SyntheticWorkload;

/**
 * A mixed load for a second: WRR hogs (two pinned to CPU 1), WRR tasks that sleep or yield, and
 * SCHED_NORMAL hogs on a multicore machine. The class must survive it (no safety report: the kernel disables a class
 * that throws, runs too long, returns an invalid pick or starves a task) and must leave the fair
 * class its share: WRR outranks NORMAL on a CPU, so the lab allows a NORMAL task to wait behind
 * WRR work for as long as there is some, but the NORMAL tasks together must get at least
 * {@code normal-min-share} of the CPU time the WRR tasks leave. {@link Grader} adds one more check
 * here: no safety report in any scenario. With {@code replace-fair = true} (the lab's "WRR
 * replaces the fair class" variant) the class also schedules the NORMAL tasks, which is checked too.
 */
final class SafetyScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of("cpus", "4", "normal-min-share", "0.9", "replace-fair", "false");

    private static final long MS = 1_000_000L;
    private static final long WINDOW_NS = 1000 * MS;

    private final int cpus;
    private final double normalMinShare;
    private final boolean replaceFair;

    SafetyScenario(Settings s) {
        this.cpus = s.integer("cpus", 2, 64);
        this.normalMinShare = s.number("normal-min-share", 0, 1);
        this.replaceFair = s.bool("replace-fair");
    }

    private Program mixed() {
        return new Program("mixed load", () -> MachineConfig.builder().cpus(cpus).schedClassReplacesFair(replaceFair), k -> {
            k.launch(TaskSpec.of("wrr-hog", SyntheticWorkload.cpuBound(2 * WINDOW_NS)).count(cpus / 2).weight(5).build());
            k.launch(TaskSpec.of("wrr-pinned", SyntheticWorkload.cpuBound(300 * MS)).count(2).affinity(1).build());
            k.launch(TaskSpec.of("wrr-io", SyntheticWorkload.ioBound(2 * MS, 8 * MS, 80)).count(3).weight(15).build());
            k.launch(TaskSpec.of("wrr-yield", (Workload) sys -> {
                for (int i = 0; i < 100; i++) {
                    sys.compute(MS);
                    sys.schedYield();
                }
            }).build());
            k.launch(TaskSpec.of("normal", SyntheticWorkload.cpuBound(2 * WINDOW_NS)).count(cpus).policy(Policy.SCHED_NORMAL).build());
        }, WINDOW_NS);
    }

    @Override
    public List<Program> programs() {
        return List.of(mixed());
    }

    @Override
    public void run(Lab lab, Outcome out) {
        try (Bench b = lab.bench(mixed())) {
            b.runUntil(WINDOW_NS);
            out.check("no safety report under a mixed load", true, "your class ran the mixed load for 1 s without being disabled");
            if (replaceFair) {
                Task t = b.tasks("normal").get(0);
                String ours = b.kernel().scheduler().policyClassName();
                out.check("NORMAL tasks are served by the class", t.schedClassName().equals(ours),
                        "with WRR replacing the fair class a SCHED_NORMAL task runs in '" + t.schedClassName() + "'"
                                + (t.schedClassName().equals(ours) ? "" : ", not in your class '" + ours + "'"));
            }
            long wrr = 0;
            long normal = 0;
            for (Task t : b.kernel().scheduler().allTasks()) {
                if (t.comm().startsWith("wrr-")) {
                    wrr += t.sumExecRuntime();
                } else if (t.comm().equals("normal")) {
                    normal += t.sumExecRuntime();
                }
            }
            long left = cpus * WINDOW_NS - wrr;
            double share = left <= 0 ? 1 : (double) normal / left;
            out.check("no starvation of NORMAL tasks", share >= normalMinShare, String.format(Locale.ROOT,
                    "in 1 s on %d CPUs the WRR tasks ran %s and the NORMAL tasks %s: %.0f%% of the CPU time WRR left%s", cpus,
                    Stretches.ms(wrr), Stretches.ms(normal), share * 100, share >= normalMinShare ? ""
                            : String.format(Locale.ROOT, "; they must get at least %.0f%%", normalMinShare * 100)));
        }
    }
}
