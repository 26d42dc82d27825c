package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kernellab.api.Workload;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;

/**
 * Placement on fork and wake-up ({@code select_task_rq}), checked at every placement by
 * {@link PlacementRule}; every CPU used on a multicore machine; a uniprocessor works. The load
 * balancer is kept out of the way (a period longer than the runs) so that what is seen is placement.
 */
final class PlacementScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of("cpus", "4");

    private static final long MS = 1_000_000L;
    private static final int[] FORK_WEIGHTS = {3, 10, 1, 7, 5, 2, 8, 4};

    private final int cpus;

    PlacementScenario(Settings s) {
        this.cpus = s.integer("cpus", 2, 64);
    }

    private static MachineConfig.Builder machine(int cpus) {
        return MachineConfig.builder().cpus(cpus).balancePeriodMs(60_000).idleBalance(false);
    }

    /** A driver forks children of several weights that compute and sleep, and starts threads that do the same. */
    private Program forksAndWakeups() {
        return new Program("fork and wake-up", () -> machine(cpus), k -> k.launch(TaskSpec.of("driver", (Workload) sys -> {
            for (int i = 0; i < FORK_WEIGHTS.length; i++) {
                long burst = 15 * MS * (i % 3 + 1);
                sys.schedSetweight(0, FORK_WEIGHTS[i]);
                sys.fork(c -> {
                    c.compute(burst);
                    c.nanosleep(10 * MS);
                    c.compute(20 * MS);
                    c.nanosleep(5 * MS);
                    c.compute(10 * MS);
                });
                sys.nanosleep(2 * MS);
            }
            for (int i = 0; i < 3; i++) {
                sys.createThread(t -> {
                    t.compute(30 * MS);
                    t.nanosleep(7 * MS);
                    t.compute(30 * MS);
                });
            }
            sys.compute(50 * MS);
        }).build()), 10_000 * MS);
    }

    /**
     * Three CPUs of equal weight, the middle one running the main thread of {@code group}: its
     * new thread must go there (the thread-group tie-break), neither to the lowest nor to the highest CPU.
     */
    private static Program threadGroupTie() {
        return new Program("thread-group tie", () -> machine(3), k -> {
            k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(200 * MS)).build());
            k.launch(TaskSpec.of("group", (Workload) sys -> {
                sys.createThread(t -> t.compute(50 * MS));
                sys.compute(100 * MS);
            }).build());
            k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(200 * MS)).build());
        }, 10_000 * MS);
    }

    private Program everyCpu() {
        return new Program("every CPU used", () -> machine(cpus),
                k -> k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(100 * MS)).count(2 * cpus).build()), 10_000 * MS);
    }

    private static Program uniprocessor() {
        return new Program("uniprocessor", () -> MachineConfig.builder().cpus(1), k -> {
            for (int w : new int[] {1, 5, 10}) {
                k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(60 * MS)).weight(w).build());
            }
        }, 10_000 * MS);
    }

    @Override
    public List<Program> programs() {
        return List.of(forksAndWakeups(), threadGroupTie(), everyCpu());
    }

    @Override
    public void run(Lab lab, Outcome out) {
        rule(lab, forksAndWakeups(), "placement: least total weight, then lowest CPU", out);
        rule(lab, threadGroupTie(), "placement: ties by thread group", out);
        try (Bench b = lab.bench(everyCpu()).run()) {
            List<Integer> unused = new ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                if (b.kernel().scheduler().runQueue(cpu).busyTime() == 0) {
                    unused.add(cpu);
                }
            }
            out.check("every CPU used", unused.isEmpty(), unused.isEmpty() ? 2 * cpus + " hogs on " + cpus + " CPUs ran on all of them"
                    : 2 * cpus + " hogs on " + cpus + " CPUs never ran on CPU " + unused + "; placement should spread them");
        }
        try (Bench b = lab.bench(uniprocessor()).run()) {
            long done = b.tasks("hog").stream().filter(t -> t.sumExecRuntime() == 60 * MS).count();
            out.check("a uniprocessor works", b.allExited() && done == 3,
                    "on 1 CPU, " + done + " of 3 hogs of weights 1, 5, 10 got their 60 ms"
                            + (b.allExited() ? "" : " and not all exited within 10 s"));
        }
    }

    private static void rule(Lab lab, Program p, String rule, Outcome out) {
        PlacementRule[] checker = new PlacementRule[1];
        try (Bench b = lab.bench(p, k -> checker[0] = new PlacementRule(k.scheduler())).run()) {
            PlacementRule c = checker[0];
            out.check(rule, c.violations().isEmpty(), c.violations().isEmpty()
                    ? p.name() + ": " + c.placements() + " placements follow the rule (" + c.tiesByGroup() + " decided by thread group)"
                    : p.name() + ": " + String.join("; ", c.violations()));
        }
    }
}
