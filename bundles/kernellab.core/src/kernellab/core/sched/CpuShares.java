package kernellab.core.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Each task's share of the CPU time over the interval where a group of tasks competed, measured
 * and expected, for the lab's question "does the weight decide the share?".
 *
 * <p>The window is the time all tasks of the group existed together: from the moment the last of
 * them first became runnable to the moment the first of them was runnable for the last time (its
 * exit). The <em>measured</em> share of a task is its running time in the window over the group's
 * running time in the window. The <em>expected</em> share is what an ideal weighted fair scheduler
 * on the machine's CPUs would have given it (generalised processor sharing, the model behind
 * weighted round robin and CFS): at every instant the tasks runnable then share
 * {@code min(cpus, runnable)} CPUs in proportion to their weights, but no task can use more than one
 * CPU, so a task whose proportional part exceeds one CPU gets exactly one and the rest is shared by
 * the others in the same way ("water filling"). Integrated exactly over the piecewise-constant
 * runnable intervals (not over periodic samples) and divided by the group's total, this is
 * {@code weight / total_weight} on one CPU while all run, and {@code 1 / n} for each of {@code n}
 * tasks on {@code n} or more CPUs whatever their weights.
 */
public final class CpuShares {

    private CpuShares() {
    }

    /**
     * A time during which a task was runnable (running or waiting on a run queue) with one weight.
     *
     * @param startNs start, inclusive
     * @param endNs end, exclusive
     * @param weight the task's weight then
     */
    public record RunnableSpan(long startNs, long endNs, int weight) {
    }

    /**
     * A time during which a task ran on a CPU.
     *
     * @param startNs start, inclusive
     * @param endNs end, exclusive
     */
    public record Run(long startNs, long endNs) {
    }

    /**
     * What the trace says about one task.
     *
     * @param pid its pid
     * @param runnable its runnable intervals, in time order, not overlapping
     * @param runs its runs on a CPU, in time order
     */
    public record History(int pid, List<RunnableSpan> runnable, List<Run> runs) {
    }

    /**
     * One task's shares.
     *
     * @param pid its pid
     * @param weight its weight at the end of the window
     * @param measured its running time in the window / the group's running time in the window
     * @param expected its share under weighted fair sharing of the CPUs (see the class comment)
     */
    public record Share(int pid, int weight, double measured, double expected) {
    }

    /**
     * The shares of a group.
     *
     * @param startNs start of the window in which all tasks of the group competed
     * @param endNs its end
     * @param shares one per task, in the order given; empty if the tasks never existed together
     */
    public record Result(long startNs, long endNs, List<Share> shares) {
    }

    /**
     * @param group the competing tasks (each with at least one runnable interval)
     * @param cpus the machine's CPUs the group could use
     * @return the group's measured and expected shares over the window where all its tasks competed
     */
    public static Result of(List<History> group, int cpus) {
        List<History> tasks = group.stream().filter(h -> !h.runnable().isEmpty()).toList();
        if (tasks.isEmpty()) {
            return new Result(0, 0, List.of());
        }
        long start = tasks.stream().mapToLong(h -> h.runnable().getFirst().startNs()).max().orElseThrow();
        long end = tasks.stream().mapToLong(h -> h.runnable().getLast().endNs()).min().orElseThrow();
        if (end <= start) {
            return new Result(start, start, List.of());
        }
        double[] expected = expectedCpuTime(tasks, cpus, start, end);
        double[] measured = new double[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            for (Run r : tasks.get(i).runs()) {
                measured[i] += Math.max(0, Math.min(end, r.endNs()) - Math.max(start, r.startNs()));
            }
        }
        double measuredTotal = Arrays.stream(measured).sum();
        double expectedTotal = Arrays.stream(expected).sum();
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            History h = tasks.get(i);
            shares.add(new Share(h.pid(), weightAt(h, end), measuredTotal == 0 ? 0 : measured[i] / measuredTotal,
                    expectedTotal == 0 ? 0 : expected[i] / expectedTotal));
        }
        return new Result(start, end, shares);
    }

    /** Integrates each task's water-filled CPU allocation over [start, end), between the moments the runnable set changes. */
    private static double[] expectedCpuTime(List<History> tasks, int cpus, long start, long end) {
        TreeSet<Long> cuts = new TreeSet<>(List.of(start, end));
        for (History h : tasks) {
            for (RunnableSpan r : h.runnable()) {
                if (r.startNs() > start && r.startNs() < end) {
                    cuts.add(r.startNs());
                }
                if (r.endNs() > start && r.endNs() < end) {
                    cuts.add(r.endNs());
                }
            }
        }
        double[] cpuTime = new double[tasks.size()];
        int[] weights = new int[tasks.size()];
        Long from = null;
        for (long to : cuts) {
            if (from != null) {
                for (int i = 0; i < tasks.size(); i++) {
                    weights[i] = weightDuring(tasks.get(i), from);
                }
                double[] alloc = waterFill(weights, cpus);
                for (int i = 0; i < alloc.length; i++) {
                    cpuTime[i] += alloc[i] * (to - from);
                }
            }
            from = to;
        }
        return cpuTime;
    }

    /**
     * @param weights the runnable tasks' weights (0 for a task not runnable)
     * @param cpus CPUs
     * @return each task's CPUs: proportional to its weight, at most 1, summing to min(cpus, runnable tasks)
     */
    static double[] waterFill(int[] weights, int cpus) {
        double[] alloc = new double[weights.length];
        boolean[] capped = new boolean[weights.length];
        double capacity = Math.min(cpus, Arrays.stream(weights).filter(w -> w > 0).count());
        boolean changed = true;
        while (changed && capacity > 0) {
            changed = false;
            long total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += capped[i] ? 0 : weights[i];
            }
            for (int i = 0; i < weights.length; i++) {
                if (!capped[i] && weights[i] > 0 && capacity * weights[i] / total > 1) {
                    capped[i] = true;
                    alloc[i] = 1;
                    capacity -= 1;
                    changed = true;
                    break;
                }
            }
            if (!changed) {
                for (int i = 0; i < weights.length; i++) {
                    if (!capped[i]) {
                        alloc[i] = total == 0 ? 0 : capacity * weights[i] / total;
                    }
                }
            }
        }
        return alloc;
    }

    private static int weightDuring(History h, long t) {
        for (RunnableSpan r : h.runnable()) {
            if (r.startNs() <= t && t < r.endNs()) {
                return r.weight();
            }
        }
        return 0;
    }

    private static int weightAt(History h, long end) {
        int weight = h.runnable().getFirst().weight();
        for (RunnableSpan r : h.runnable()) {
            if (r.startNs() < end) {
                weight = r.weight();
            }
        }
        return weight;
    }
}
