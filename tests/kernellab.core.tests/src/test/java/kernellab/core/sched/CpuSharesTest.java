package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kernellab.core.sched.CpuShares.History;
import kernellab.core.sched.CpuShares.Result;
import kernellab.core.sched.CpuShares.Run;
import kernellab.core.sched.CpuShares.RunnableSpan;
import kernellab.core.sched.CpuShares.Share;

class CpuSharesTest {

    private static final long S = 1_000_000_000L;

    private static History busy(int pid, int weight, long start, long end) {
        return new History(pid, List.of(new RunnableSpan(start, end, weight)), List.of(new Run(start, end)));
    }

    private static double[] expected(Result r) {
        return r.shares().stream().mapToDouble(Share::expected).toArray();
    }

    /**
     * Three tasks of weight 5 and one of 15, always runnable: on one CPU each is due its
     * weight / total_weight (1/6 and 1/2); a task cannot use more than one CPU, so on two CPUs
     * the weight-15 task is due one whole CPU (1/2 of the time given) and the others share the
     * second; on three 1/3 and 2/9 each; on four or more CPUs each has a CPU of its own: 1/4.
     */
    @ParameterizedTest
    @CsvSource({"1, 0.16666666666666666, 0.5", "2, 0.16666666666666666, 0.5", "3, 0.2222222222222222, 0.3333333333333333",
        "4, 0.25, 0.25", "8, 0.25, 0.25"})
    void aWeightFiveTaskAmongThreeOfFiveAndOneOfFifteen(int cpus, double dueToFive, double dueToFifteen) {
        List<History> group = List.of(busy(2, 5, 0, 10 * S), busy(3, 5, 0, 10 * S), busy(4, 5, 0, 10 * S), busy(5, 15, 0, 10 * S));
        Result r = CpuShares.of(group, cpus);
        assertArrayEquals(new double[] {dueToFive, dueToFive, dueToFive, dueToFifteen}, expected(r), 1e-12);
        assertEquals(List.of(5, 5, 5, 15), r.shares().stream().map(Share::weight).toList());
    }

    @Test
    void waterFillingGivesNoTaskMoreThanOneCpuAndUsesAllCpusItCan() {
        assertArrayEquals(new double[] {1, 1.0 / 3, 1.0 / 3, 1.0 / 3}, CpuShares.waterFill(new int[] {15, 5, 5, 5}, 2), 1e-12);
        assertArrayEquals(new double[] {0.25, 0, 0.75}, CpuShares.waterFill(new int[] {1, 0, 3}, 1), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0}, CpuShares.waterFill(new int[] {1, 9, 0}, 4), 1e-12);
    }

    /**
     * The window is where all competed: task 2 lives 0–10 s, task 3 starts at 2 s and exits at
     * 6 s. On one CPU, 2–6 s: task 2 ran 1 s of it, task 3 ran 3 s, so 0.25 and 0.75 measured;
     * by weights 1 and 3, 0.25 and 0.75 expected. Task 2's runs outside the window do not count.
     */
    @Test
    void measuresOverTheTimeTheTasksCompetedOnly() {
        History two = new History(2, List.of(new RunnableSpan(0, 10 * S, 1)),
                List.of(new Run(0, 2 * S), new Run(2 * S, 3 * S), new Run(6 * S, 10 * S)));
        History three = new History(3, List.of(new RunnableSpan(2 * S, 6 * S, 3)), List.of(new Run(3 * S, 6 * S)));
        Result r = CpuShares.of(List.of(two, three), 1);
        assertEquals(2 * S, r.startNs());
        assertEquals(6 * S, r.endNs());
        assertEquals(List.of(new Share(2, 1, 0.25, 0.25), new Share(3, 3, 0.75, 0.75)), r.shares());
    }

    /**
     * Expected shares follow the runnable intervals exactly: equal weights on one CPU, task 2
     * blocked 4–6 s of 0–10 s, is due 0.5 × 8 s = 4 s, task 3 0.5 × 8 s + 2 s = 6 s: 0.4 and 0.6;
     * a weight change at 5 s of task 3 (1 → 3) moves its due from 1/2 to 3/4 from then on.
     */
    @Test
    void followsBlockingAndWeightChangesBetweenTheSamples() {
        History two = new History(2, List.of(new RunnableSpan(0, 4 * S, 1), new RunnableSpan(6 * S, 10 * S, 1)), List.of());
        History three = new History(3, List.of(new RunnableSpan(0, 10 * S, 1)), List.of());
        assertArrayEquals(new double[] {0.4, 0.6}, expected(CpuShares.of(List.of(two, three), 1)), 1e-12);

        History four = new History(4, List.of(new RunnableSpan(0, 10 * S, 1)), List.of());
        History five = new History(5, List.of(new RunnableSpan(0, 5 * S, 1), new RunnableSpan(5 * S, 10 * S, 3)), List.of());
        Result r = CpuShares.of(List.of(four, five), 1);
        assertArrayEquals(new double[] {(2.5 + 1.25) / 10, (2.5 + 3.75) / 10}, expected(r), 1e-12);
        assertEquals(3, r.shares().get(1).weight());
    }

    @Test
    void tasksThatNeverExistedTogetherHaveNoShares() {
        Result r = CpuShares.of(new ArrayList<>(List.of(busy(2, 1, 0, S), busy(3, 1, 2 * S, 3 * S))), 2);
        assertEquals(List.of(), r.shares());
    }
}
