package kernellab.examples.sched;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * CPU hogs of different SCHED_WRR weights sharing CPU 0 for the same stretch of time: the CPU
 * share of each is its weight over the total weight.
 *
 * <p>The parent pins itself to CPU 0, then for each weight (arguments, default 1 5 10 20) sets
 * its own weight and forks a hog, which inherits weight and affinity. Every hog computes in
 * 1 ms steps until {@value #ROUNDS} whole rounds of the WRR queue have passed (a round is
 * total weight × 10 ms, 360 ms for the default weights), then prints the CPU time it got:
 * <pre>
 * hog weight  1: cpu  100 ms of 3600 ms (2.8%)
 * hog weight 20: cpu 2000 ms of 3600 ms (55.6%)
 * </pre>
 *
 * <p>What to observe: the shares are exactly 1:5:10:20, because each round gives a task one
 * slice of weight × 10 ms ({@code task_tick} of the WRR class counts the slice down, and
 * {@code pick_next_task} takes the queue's head). In the CPU Timeline view the slices of CPU 0
 * are 10, 50, 100 and 200 ms long; in {@code /proc/sched_debug} the WRR queue of CPU 0 has
 * {@code total_weight} 36 while the other CPUs stay idle (the hogs are not allowed there);
 * in the Results view each hog's wait time is the rest of the round. It needs root (the default
 * uid): it raises weights.
 */
public class CpuHogs implements Workload {

    /** How many whole rounds of the WRR queue the hogs compete for. */
    public static final int ROUNDS = 10;
    /** The length of one compute step, ns. */
    public static final long STEP_NS = 1_000_000L;
    /**
     * The machine's SCHED_WRR base slice, ns: the default 10 ms. With another
     * {@code --wrr-base-slice} the hogs still share by weight, but no longer over whole rounds.
     */
    public static final long BASE_SLICE_NS = 10_000_000L;

    /** Creates the program; the weights come from the arguments. */
    public CpuHogs() {
    }

    @Override
    public void run(Syscalls sys) {
        Lab.requireRoot(sys, "CpuHogs", "raises SCHED_WRR weights");
        List<Integer> weights = Lab.weights(sys, "CpuHogs", sys.argv(), List.of(1, 5, 10, 20));
        long round = 0;
        for (int w : weights) {
            round += w * BASE_SLICE_NS;
        }
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        sys.schedSetaffinity(0, cpu0);
        int ownWeight = sys.schedGetweight(0);
        long start = sys.clockGettime(Syscalls.CLOCK_MONOTONIC);
        long span = ROUNDS * round;
        for (int w : weights) {
            sys.schedSetweight(0, w);
            sys.fork(hog -> {
                while (hog.clockGettime(Syscalls.CLOCK_MONOTONIC) < start + span) {
                    hog.compute(STEP_NS);
                }
                long cpu = hog.clockGettime(Syscalls.CLOCK_THREAD_CPUTIME_ID);
                hog.print(String.format(Locale.ROOT, "hog weight %2d: cpu %4d ms of %d ms (%.1f%%)%n",
                        hog.schedGetweight(0), cpu / STEP_NS, span / STEP_NS, 100.0 * cpu / span));
            });
        }
        sys.schedSetweight(0, ownWeight);
        for (int i = 0; i < weights.size(); i++) {
            sys.waitpid(-1, 0);
        }
    }
}
