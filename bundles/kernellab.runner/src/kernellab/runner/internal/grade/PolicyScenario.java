package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.api.Workload;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.core.task.SyntheticWorkload;

/**
 * Policy 7 and its parameters, through the system calls of {@code kernel/sched/syscalls.c}: the
 * class serves SCHED_WRR; weights 1–20, default 10, EINVAL outside; the slice is weight × 10 ms at
 * each tick rate; a weight change keeps the current slice and applies at the next refill; fork
 * inherits policy and weight but not the remaining slice; a task switched to SCHED_WRR gets
 * weight 10. Every run is on one CPU, so a stretch on the CPU is a slice.
 */
final class PolicyScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of("hz", "100, 250, 1000");

    private static final long MS = 1_000_000L;
    private static final int[] SLICE_WEIGHTS = {1, 3, 7};

    private final List<Integer> hzs;

    PolicyScenario(Settings s) {
        List<Integer> supported = new ArrayList<>();
        for (int hz : MachineConfig.SUPPORTED_HZ) {
            supported.add(hz);
        }
        this.hzs = s.integers("hz", supported);
    }

    private static Supplier<MachineConfig.Builder> uniprocessor(int hz) {
        return () -> MachineConfig.builder().cpus(1).hz(hz);
    }

    @Override
    public List<Program> programs() {
        List<Program> list = new ArrayList<>();
        for (int hz : hzs) {
            list.add(slices(hz));
        }
        list.add(weightChange());
        list.add(fork());
        return list;
    }

    /** Hogs of weights 1, 3 and 7, each running for exactly two of its slices. */
    private static Program slices(int hz) {
        return new Program("slices at HZ " + hz, uniprocessor(hz), k -> {
            for (int w : SLICE_WEIGHTS) {
                k.launch(TaskSpec.of("hog" + w, SyntheticWorkload.cpuBound(2 * w * 10 * MS)).weight(w).build());
            }
        }, 10_000 * MS);
    }

    /** {@code changer} sets its weight from 10 to 2 after 5 ms of its first slice; a hog of weight 10 shares the CPU. */
    private static Program weightChange() {
        return new Program("weight change", uniprocessor(1000), k -> {
            k.launch(TaskSpec.of("changer", (Workload) sys -> {
                sys.compute(5 * MS);
                sys.schedSetweight(0, 2);
                sys.compute(200 * MS);
            }).build());
            k.launch(TaskSpec.of("other", SyntheticWorkload.cpuBound(300 * MS)).build());
        }, 10_000 * MS);
    }

    /** {@code parent} of weight 4 forks {@code child} 25 ms into its 40 ms slice. */
    private static Program fork() {
        return fork(new ArrayList<>());
    }

    private static Program fork(List<Object> seen) {
        return new Program("fork", uniprocessor(1000), k -> k.launch(TaskSpec.of("parent", (Workload) sys -> {
            sys.compute(25 * MS);
            sys.fork(child -> {
                seen.add(child.schedGetscheduler(0));
                seen.add(child.schedGetweight(0));
                child.compute(80 * MS);
            });
            sys.compute(55 * MS);
        }).weight(4).build()), 10_000 * MS);
    }

    @Override
    public void run(Lab lab, Outcome out) {
        parameters(lab, out);
        for (int hz : hzs) {
            slices(lab, hz, out);
        }
        weightChange(lab, out);
        fork(lab, out);
    }

    private static String attempt(Syscalls sys, int weight) {
        try {
            sys.schedSetweight(0, weight);
            return "0";
        } catch (Errno e) {
            return e.symbol();
        }
    }

    private static void parameters(Lab lab, Outcome out) {
        List<Object> wrr = new ArrayList<>();
        List<Object> switched = new ArrayList<>();
        Program p = new Program("parameters", uniprocessor(1000), k -> {
            k.launch(TaskSpec.of("probe", (Workload) sys -> {
                wrr.add(sys.schedGetscheduler(0));
                wrr.add(sys.schedGetweight(0));
                sys.compute(MS);
                for (int w : new int[] {0, 1, 20, 21}) {
                    wrr.add(attempt(sys, w));
                }
            }).build());
            k.launch(TaskSpec.of("switcher", (Workload) sys -> {
                sys.schedSetscheduler(0, Policy.SCHED_WRR, 0);
                switched.add(sys.schedGetweight(0));
            }).policy(Policy.SCHED_NORMAL).nice(5).build());
        }, 1000 * MS);
        try (Bench b = lab.bench(p)) {
            b.runUntil(MS / 2);
            Task probe = b.tasks("probe").get(0);
            String served = probe.schedClassName();
            String ours = b.kernel().scheduler().policyClassName();
            out.check("policy 7 is served by the class", served.equals(ours),
                    "a SCHED_WRR (policy " + Policy.SCHED_WRR.number() + ") task runs in '" + served + "'"
                            + (served.equals(ours) ? "" : ", not in your class '" + ours + "'"));
            b.run();
            out.check("the default weight is 10", wrr.size() > 1 && Integer.valueOf(10).equals(wrr.get(1)),
                    "sched_getweight of a new SCHED_WRR task returned " + (wrr.size() > 1 ? wrr.get(1) : "nothing")
                            + "; the lab's default weight is 10");
            List<Object> expected = List.of("EINVAL", "0", "0", "EINVAL");
            List<Object> got = wrr.size() == 6 ? wrr.subList(2, 6) : List.of();
            out.check("weights are 1 to 20, EINVAL outside", got.equals(expected),
                    "sched_setweight(0, w) for w = 0, 1, 20, 21 returned " + got + "; the lab expects " + expected);
            out.check("a task switched to SCHED_WRR gets weight 10", switched.equals(List.of(10)),
                    "after sched_setscheduler(SCHED_WRR) sched_getweight returned "
                            + (switched.isEmpty() ? "nothing" : switched.get(0)) + "; the lab gives it weight 10");
        }
    }

    private static void slices(Lab lab, int hz, Outcome out) {
        try (Bench b = lab.bench(slices(hz)).run()) {
            List<String> wrong = new ArrayList<>();
            for (int w : SLICE_WEIGHTS) {
                int pid = b.tasks("hog" + w).get(0).pid();
                for (Stretches.Stretch s : Stretches.of(b.events(), pid)) {
                    if (s.lengthNs() != w * 10 * MS && wrong.size() < 3) {
                        wrong.add("hog" + w + " (weight " + w + ") ran " + Stretches.ms(s.lengthNs()) + " in a row from "
                                + Stretches.ms(s.startNs()) + ", expected " + w * 10 + " ms");
                    }
                }
            }
            out.check("slice = weight x 10 ms at HZ " + hz, wrong.isEmpty(),
                    wrong.isEmpty() ? "slices of weights 1, 3, 7 are 10, 30, 70 ms" : String.join("; ", wrong));
        }
    }

    private static void weightChange(Lab lab, Outcome out) {
        try (Bench b = lab.bench(weightChange()).run()) {
            List<Stretches.Stretch> runs = Stretches.of(b.events(), b.tasks("changer").get(0).pid());
            long first = runs.isEmpty() ? 0 : runs.get(0).lengthNs();
            long second = runs.size() < 2 ? 0 : runs.get(1).lengthNs();
            out.check("a weight change keeps the current slice", first == 100 * MS,
                    "after sched_setweight(10 -> 2) at 5 ms the task ran " + Stretches.ms(first)
                            + " in a row; the lab keeps the slice being used (100 ms of weight 10)");
            out.check("the new weight applies at the next refill", second == 20 * MS,
                    "the slice after the change lasted " + Stretches.ms(second) + "; the next refill uses weight 2: 20 ms");
        }
    }

    private static void fork(Lab lab, Outcome out) {
        List<Object> seen = new ArrayList<>();
        try (Bench b = lab.bench(fork(seen)).run()) {
            out.check("fork inherits policy and weight", seen.equals(List.of(Policy.SCHED_WRR, 4)),
                    "the child of a SCHED_WRR parent of weight 4 saw policy and weight " + seen + "; expected [SCHED_WRR, 4]");
            int child = b.events().stream().filter(e -> e.name().equals("sched_process_fork")).mapToInt(e -> (int) e.longField("child_pid"))
                    .max().orElse(-1);
            List<Stretches.Stretch> runs = Stretches.of(b.events(), child);
            long first = runs.isEmpty() ? 0 : runs.get(0).lengthNs();
            out.check("fork does not inherit the remaining slice", first == 40 * MS,
                    "the child forked 25 ms into its parent's 40 ms slice first ran " + Stretches.ms(first)
                            + "; a child starts with a full slice of its weight (40 ms)");
        }
    }
}
