package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import kernellab.api.sched.SchedClassOps;
import kernellab.core.Kernel;
import kernellab.core.sched.Task;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.TraceListener;
import kernellab.runner.internal.sim.Units;

/**
 * The differential check: the programs of other scenarios, with the same seeds, run once with the
 * class under grade and once with the reference WRR; the kernel's events (switches, wake-ups,
 * migrations, forks, exits) are compared one by one. The first divergence is reported with the
 * event, the CPU, the time, what the reference did instead, and that CPU's WRR queue in both runs.
 * A run in which the kernel disables the class is compared up to the end like any other (its
 * tasks go on in the fair class) and the reason is added to the divergence.
 */
final class DifferentialScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of("scenarios", "policy, class-order, placement, balance", "seeds", "0");

    private final List<Scenario> sources = new ArrayList<>();
    private final List<String> names;
    private final List<Long> seeds = new ArrayList<>();

    DifferentialScenario(Settings s) {
        this.names = s.words("scenarios", ScenarioKind.names().stream().filter(n -> !n.equals("differential")).toList());
        for (String n : names) {
            sources.add(ScenarioKind.named(n).withDefaults());
        }
        for (int seed : s.integers("seeds", 0, Integer.MAX_VALUE)) {
            seeds.add((long) seed);
        }
    }

    @Override
    public List<Program> programs() {
        return List.of();
    }

    private static Program seeded(Program p, long seed) {
        return new Program(p.name(), () -> p.machine().get().seed(seed), p.launch(), p.limitNs());
    }

    @Override
    public void run(Lab lab, Outcome out) {
        for (int i = 0; i < sources.size(); i++) {
            for (Program p : sources.get(i).programs()) {
                for (long seed : seeds) {
                    compare(lab, names.get(i), seeded(p, seed), seed, out);
                }
            }
        }
    }

    private static void compare(Lab lab, String scenario, Program p, long seed, Outcome out) {
        String rule = "same trace as the reference: " + scenario + " / " + p.name() + (seed == 0 ? "" : " (seed " + seed + ")");
        List<TraceEvent> ref;
        try (Bench b = new Bench(p, lab.reference(), lab.hookBudgetMs(), null).run()) {
            ref = List.copyOf(b.events());
        }
        List<TraceEvent> mine;
        String disabled = null;
        try (Bench b = lab.bench(p)) {
            try {
                b.run();
            } catch (ClassDisabled d) {
                disabled = d.getMessage();
            }
            mine = List.copyOf(b.events());
        }
        int n = Math.min(ref.size(), mine.size());
        int at = 0;
        while (at < n && ref.get(at).toString().equals(mine.get(at).toString())) {
            at++;
        }
        if (at == n && ref.size() == mine.size() && disabled == null) {
            out.check(rule, true, ref.size() + " events identical");
            return;
        }
        StringBuilder sb = new StringBuilder("first divergence at event ").append(at + 1);
        sb.append(": your class: ").append(at < mine.size() ? describe(mine.get(at)) : "no more events");
        sb.append("; the reference: ").append(at < ref.size() ? describe(ref.get(at)) : "no more events");
        int cpu = at < mine.size() ? mine.get(at).cpu() : ref.get(at).cpu();
        if (cpu >= 0) {
            sb.append(". WRR queue of CPU ").append(cpu).append(" then: yours ").append(queueAt(p, lab.student(), lab.hookBudgetMs(), at, cpu))
                    .append(", the reference's ").append(queueAt(p, lab.reference(), lab.hookBudgetMs(), at, cpu));
        }
        if (disabled != null) {
            sb.append("; then ").append(disabled);
        }
        out.check(rule, false, sb.toString());
    }

    private static String describe(TraceEvent e) {
        return "at " + Units.seconds(e.timeNs()) + " s on CPU " + e.cpu() + " " + e.name() + " " + e.fieldsText();
    }

    /** Runs the program again up to its event {@code index} and shows the kernel's list of WRR tasks of the CPU then. */
    private static String queueAt(Program p, Supplier<? extends SchedClassOps> schedClass, long hookBudgetMs, int index, int cpu) {
        String[] seen = {"(not reached)"};
        int[] count = {0};
        Function<Kernel, TraceListener> capture = k -> e -> {
            if (count[0]++ == index && cpu < k.scheduler().nrCpus()) {
                List<String> q = new ArrayList<>();
                for (Task t : k.scheduler().runQueue(cpu).ext().tasks()) {
                    q.add(t.comm() + "[" + t.pid() + "] w" + t.weight() + (t == k.scheduler().runQueue(cpu).curr() ? " running" : ""));
                }
                seen[0] = q.toString();
                return true;
            }
            return false;
        };
        try (Bench b = new Bench(p, schedClass, hookBudgetMs, capture)) {
            b.kernel().runUntilAllExited(p.limitNs());
        }
        return seen[0];
    }
}
