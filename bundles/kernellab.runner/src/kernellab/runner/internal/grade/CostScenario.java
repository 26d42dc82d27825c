package kernellab.runner.internal.grade;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;

/**
 * Constant time: the real time the machine takes for one simulated second of round robin on one
 * CPU with {@code small} and with {@code large} queued WRR hogs of weight 1 and a 1 ms base slice,
 * whose hooks (tick, pick, enqueue at each rotation) are called as often in both; the ratio is the growth factor of the class's
 * per-call cost (1 for O(1) hooks). Real time depends on the host, so by default the scenario only
 * reports it ({@code scored = false}); with {@code scored = true} a growth above {@code max-growth}
 * fails. Each size runs a warm-up and then three simulated seconds; the fastest counts. The machine has
 * 2 GiB, so that {@code threads-max} (16,384) leaves room for the large queue.
 */
final class CostScenario implements Scenario {

    static final Map<String, String> KEYS = Map.of("small", "10", "large", "10000", "max-growth", "5", "scored", "false");

    private static final long MS = 1_000_000L;
    private static final long WARM_UP_NS = 200 * MS;
    private static final long WINDOW_NS = 1000 * MS;
    private static final int WINDOWS = 3;

    private final int small;
    private final int large;
    private final double maxGrowth;
    private final boolean scored;

    CostScenario(Settings s) {
        this.small = s.integer("small", 1, 100_000);
        this.large = s.integer("large", 1, 100_000);
        this.maxGrowth = s.number("max-growth", 1, 1e9);
        this.scored = s.bool("scored");
    }

    private static Program hogs(int n) {
        return new Program(n + " queued hogs", () -> MachineConfig.builder().cpus(1).memoryBytes(2L << 30).wrrBaseSliceMs(1),
                k -> k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(n).weight(1).build()), WARM_UP_NS + WINDOWS * WINDOW_NS);
    }

    @Override
    public List<Program> programs() {
        return List.of();
    }

    /** @return the fastest real time, ns, of one simulated second with {@code n} hogs, of {@value #WINDOWS} in a row */
    private static long secondOf(Lab lab, int n) {
        long best = Long.MAX_VALUE;
        try (Bench b = lab.bench(hogs(n))) {
            b.runUntil(WARM_UP_NS);
            for (int w = 1; w <= WINDOWS; w++) {
                long t0 = System.nanoTime();
                b.runUntil(WARM_UP_NS + w * WINDOW_NS);
                best = Math.min(best, System.nanoTime() - t0);
            }
        }
        return best;
    }

    @Override
    public void run(Lab lab, Outcome out) {
        long a = secondOf(lab, small);
        long b = secondOf(lab, large);
        double growth = (double) b / Math.max(1, a);
        boolean ok = !scored || growth <= maxGrowth;
        out.check("constant-time hooks", ok, String.format(Locale.ROOT,
                "one simulated second took %.1f ms with %d queued tasks and %.1f ms with %d: growth %.1fx%s", a / 1e6, small, b / 1e6,
                large, growth, scored ? (ok ? "" : String.format(Locale.ROOT, "; at most %.1fx is allowed: a hook that walks the"
                        + " queue is O(n)", maxGrowth)) : " (informational)"));
    }
}
