package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.examples.Machine;

class FactorizerTest {

    /** CPU time of the default number: 1,234,576 trials of 1 µs. */
    private static final long WORK_NS = 1_234_576_000L;

    @Test
    void factorsTheDefaultNumberInItsCpuTime() {
        try (Machine m = Machine.lab()) {
            Task t = m.launch("factor", new Factorizer());
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("factor[2]: 59259784889544: 2 2 2 3 1234577 2000003",
                    "factor[2]: SCHED_WRR weight 10: cpu 1234.576 ms, finished at 1234.576 ms"), m.output());
            assertEquals(WORK_NS, t.sumExecRuntime());
            assertEquals(WORK_NS, t.turnaround());
        }
    }

    @Test
    void factorsItsArgumentAndRejectsABadOneLikeFactor() {
        try (Machine m = Machine.lab()) {
            m.launch(TaskSpec.of("factor", new Factorizer()).args("600851475143").policy(Policy.SCHED_NORMAL).build());
            Task bad = m.launch("factor", new Factorizer(), "-12");
            Task one = m.launch("factor", new Factorizer(), "1");
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("factor[3]: factor: '-12' is not a valid positive integer", "factor[4]: 1:",
                    "factor[4]: SCHED_WRR weight 10: cpu 0.000 ms, finished at 0.000 ms",
                    "factor[2]: 600851475143: 71 839 1471 6857",
                    "factor[2]: SCHED_NORMAL: cpu 1.470 ms, finished at 1.470 ms"), m.output());
            assertEquals(1, bad.shellExitStatus());
            assertEquals(0, one.shellExitStatus());
        }
    }

    /**
     * The race on CPU 0: every child's turnaround is what a round robin with slices of
     * weight × 10 ms over the queue 20, 19, … 1 gives, and it falls strictly as the weight grows.
     */
    @Test
    void turnaroundFallsAsTheWeightGrows() {
        try (Machine m = Machine.lab()) {
            m.launch("race", new FactorizerRace());
            m.runToCompletion(100_000 * MS);
            List<Integer> weights = new ArrayList<>();
            for (int w = 20; w >= 1; w--) {
                weights.add(w);
            }
            long[] expected = roundRobin(weights, WORK_NS, 10 * MS);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                lines.add(String.format(Locale.ROOT, "race[%d]: weight %2d: 59259784889544: 2 2 2 3 1234577 2000003,"
                        + " turnaround %s ms", 3 + i, weights.get(i), Factorizer.millis(expected[i])));
            }
            lines.add("race[2]: all 20 children done at " + Factorizer.millis(expected[19]) + " ms");
            assertEquals(lines, m.output().stream().sorted((a, b) -> order(a) - order(b)).toList());
            assertEquals("race[3]: weight 20: 59259784889544: 2 2 2 3 1234577 2000003, turnaround 12634.576 ms",
                    m.output().get(0));
            for (int i = 1; i < weights.size(); i++) {
                assertTrue(expected[i] > expected[i - 1], "weight " + weights.get(i) + " finishes after weight " + weights.get(i - 1));
            }
            for (int i = 0; i < weights.size(); i++) {
                Task child = m.task(3 + i);
                assertEquals(expected[i], child.turnaround(), "the kernel's turnaround of pid " + child.pid());
                assertEquals(WORK_NS, child.sumExecRuntime());
                assertEquals(0, child.cpu());
            }
        }
    }

    private static int order(String line) {
        return line.startsWith("race[2]") ? Integer.MAX_VALUE : Integer.parseInt(line.substring(5, line.indexOf(']')));
    }

    /** Finishing times of equal jobs served round robin in the given order with slices weight × base. */
    private static long[] roundRobin(List<Integer> weights, long work, long baseSlice) {
        long[] left = new long[weights.size()];
        long[] done = new long[weights.size()];
        Arrays.fill(left, work);
        long now = 0;
        for (int finished = 0; finished < weights.size();) {
            for (int i = 0; i < weights.size(); i++) {
                if (left[i] > 0) {
                    long run = Math.min(left[i], weights.get(i) * baseSlice);
                    now += run;
                    left[i] -= run;
                    if (left[i] == 0) {
                        done[i] = now;
                        finished++;
                    }
                }
            }
        }
        return done;
    }
}
