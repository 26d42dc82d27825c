package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import kernellab.api.Workload;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.RunQueue;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.trace.TraceEvent;

/**
 * The periodic load balancer on a machine built to need it: eight hogs of different weights all
 * start on CPU 0 (forked under an affinity of CPU 0 that is then widened), idle balance is off,
 * and at each period the lab's rule says which one task moves: the heaviest task of the CPU with
 * the largest total weight that is not running and is allowed on the CPU with the smallest
 * total, if the smallest total plus its weight stays below the largest (lowest CPU numbers among
 * equal totals). After enough periods the totals must be within the tolerance of each other.
 */
final class BalanceScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of("cpus", "4", "period", "101ms", "periods", "8", "tolerance", "10");

    private static final long MS = 1_000_000L;
    /** The second task is the heaviest, so it is the one running at the first balance. */
    private static final int[] WEIGHTS = {1, 10, 8, 6, 5, 3, 2, 2};

    private final int cpus;
    private final long periodNs;
    private final int periods;
    private final int tolerance;

    BalanceScenario(Settings s) {
        this.cpus = s.integer("cpus", 2, 64);
        this.periodNs = s.millis("period");
        this.periods = s.integer("periods", 1, 100);
        this.tolerance = s.integer("tolerance", 0, 1000);
    }

    private Program imbalance() {
        long work = (periods + 2) * periodNs;
        return new Program("imbalance", () -> MachineConfig.builder().cpus(cpus).balancePeriodMs(periodNs / MS).idleBalance(false),
                k -> k.launch(TaskSpec.of("driver", (Workload) sys -> {
                    List<Integer> pids = new ArrayList<>();
                    for (int w : WEIGHTS) {
                        sys.schedSetweight(0, w);
                        pids.add(sys.fork(c -> c.compute(work)));
                    }
                    BitSet all = new BitSet();
                    all.set(0, cpus);
                    for (int pid : pids) {
                        sys.schedSetaffinity(pid, all);
                    }
                }).affinity(0).build()), work * WEIGHTS.length);
    }

    @Override
    public List<Program> programs() {
        return List.of(imbalance());
    }

    /**
     * The rule's view of the queues just before a period.
     *
     * @param max the CPU with the largest total (lowest number among equals)
     * @param min the CPU with the smallest total (lowest number among equals)
     * @param candidates the tasks of {@code max} allowed on {@code min} with {@code minWeight + w < maxWeight}
     */
    private record Expected(int max, long maxWeight, int min, long minWeight, List<Task> candidates) {

        /** @return the weight of the heaviest candidate other than the running task, 0 when none */
        long moveWeight(Task running) {
            return candidates.stream().filter(t -> t != running).mapToLong(Task::weight).max().orElse(0);
        }
    }

    private static Expected expected(Scheduler s) {
        int n = s.nrCpus();
        int max = 0;
        int min = 0;
        for (int cpu = 1; cpu < n; cpu++) {
            if (total(s, cpu) > total(s, max)) {
                max = cpu;
            }
            if (total(s, cpu) < total(s, min)) {
                min = cpu;
            }
        }
        long maxW = total(s, max);
        long minW = total(s, min);
        List<Task> candidates = new ArrayList<>();
        if (max != min) {
            for (Task t : s.runQueue(max).ext().tasks()) {
                if (t.cpusAllowed().get(min) && minW + t.weight() < maxW) {
                    candidates.add(t);
                }
            }
        }
        return new Expected(max, maxW, min, minW, candidates);
    }

    private static long total(Scheduler s, int cpu) {
        return s.runQueue(cpu).ext().totalWeight();
    }

    @Override
    public void run(Lab lab, Outcome out) {
        List<String> wrong = new ArrayList<>();
        List<String> many = new ArrayList<>();
        try (Bench b = lab.bench(imbalance())) {
            Scheduler s = b.kernel().scheduler();
            for (int k = 1; k <= periods; k++) {
                long t = k * periodNs;
                b.runUntil(t - 1);
                Expected before = expected(s);
                RunQueue src = s.runQueue(before.max());
                long rule = before.moveWeight(src.curr());
                int seen = b.events().size();
                b.runUntil(t);
                long alternative = before.moveWeight(src.curr());
                List<TraceEvent> moves = b.events().subList(seen, b.events().size()).stream()
                        .filter(e -> e.name().equals("sched_migrate_task") && e.timeNs() == t).toList();
                if (moves.size() > 1 && many.size() < 2) {
                    many.add("at " + Stretches.ms(t) + " " + moves.size() + " tasks moved");
                }
                String problem = judge(before, rule, alternative, moves, s);
                if (problem != null && wrong.size() < 3) {
                    wrong.add("at " + Stretches.ms(t) + " " + problem);
                }
            }
            out.check("balance: heaviest movable task from the heaviest to the lightest CPU", wrong.isEmpty(),
                    wrong.isEmpty() ? periods + " balance periods follow the rule" : String.join("; ", wrong));
            out.check("balance: one task per period", many.isEmpty(),
                    many.isEmpty() ? "at most one task moved per period" : String.join("; ", many) + "; the lab moves at most one");
            long hi = Long.MIN_VALUE;
            long lo = Long.MAX_VALUE;
            StringBuilder totals = new StringBuilder();
            for (int cpu = 0; cpu < cpus; cpu++) {
                long w = total(s, cpu);
                hi = Math.max(hi, w);
                lo = Math.min(lo, w);
                totals.append(cpu == 0 ? "" : ", ").append(w);
            }
            out.check("balance: weights balanced within " + tolerance, hi - lo <= tolerance, "after " + periods
                    + " periods the CPUs' total weights are " + totals + (hi - lo <= tolerance ? "" : "; they should differ by at most "
                            + tolerance));
        }
    }

    /**
     * @param e the queues just before the period
     * @param rule the weight the rule moves (0: none)
     * @param alternative the weight it moves if the tick of the same instant switched tasks first
     * @param moves the migrations at the period
     * @param s the scheduler
     * @return what is wrong with the moves made, or {@code null}
     */
    private static String judge(Expected e, long rule, long alternative, List<TraceEvent> moves, Scheduler s) {
        String state = "(CPU " + e.max() + " total " + e.maxWeight() + ", CPU " + e.min() + " total " + e.minWeight() + ")";
        if (moves.isEmpty()) {
            return rule == 0 || alternative == 0 ? null
                    : "nothing moved " + state + "; the rule moves the heaviest task of CPU " + e.max() + " that is not running"
                            + " (weight " + rule + ", " + e.minWeight() + " + " + rule + " < " + e.maxWeight()
                            + ") to CPU " + e.min();
        }
        TraceEvent m = moves.get(0);
        Task t = s.task((int) m.longField("pid"));
        long w = t == null ? -1 : t.weight();
        int from = (int) m.longField("orig_cpu");
        int to = (int) m.longField("dest_cpu");
        if (from == e.max() && to == e.min() && (w == rule || w == alternative) && w > 0) {
            return null;
        }
        String did = "your class moved " + m.stringField("comm") + "[" + m.longField("pid") + "] (weight " + w + ") from CPU " + from
                + " to CPU " + to + " " + state;
        return rule == 0 ? did + "; the rule moves nothing: no waiting task of CPU " + e.max() + " keeps "
                + e.minWeight() + " + w < " + e.maxWeight()
                : did + "; the rule moves a task of weight " + rule + " from CPU " + e.max() + " to CPU " + e.min();
    }
}
