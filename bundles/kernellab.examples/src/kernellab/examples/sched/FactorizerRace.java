package kernellab.examples.sched;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * The SCHED_WRR lab in one program: the {@link Factorizer} run at weights 20, 19, … 1, all
 * competing for CPU 0, each reporting its turnaround.
 *
 * <p>The parent pins itself to CPU 0 ({@code sched_setaffinity}), then for each weight sets its
 * own weight and forks a child, which inherits weight and affinity as {@code fork} does in
 * Linux (the parent, as root, may raise its weight back). Each child factors the number
 * (argument 1, default {@value Factorizer#DEFAULT_NUMBER}) and prints one line:
 * <pre>
 * weight 20: 59259784889544: 2 2 2 3 1234577 2000003, turnaround 12634.576 ms
 * </pre>
 * The turnaround runs from the {@code fork} to the end of the work. The parent reaps every
 * child and ends with {@code all 20 children done at … ms}.
 *
 * <p>What to observe: every child does the same work (1234.576 ms of CPU), but the run queue of
 * CPU 0 serves them round robin with slices of weight × 10 ms, so a child of weight {@code w}
 * needs about {@code 123 / w} rounds: turnaround falls as the weight grows, steeply at low
 * weights and flatly at high ones (plot it in the Results view: "turnaround vs weight"). The
 * children are forked from the heaviest down, so that the queue order breaks ties (children
 * finishing in the same round) in the weight's favour too. {@code /proc/sched_debug} during the
 * run shows CPU 0's WRR queue with its total weight of 210 and every task's remaining slice;
 * the other CPUs stay idle because no task may run there. Other weights can be given after the
 * number, e.g. {@code --arg 600851475143 --arg 1 --arg 10}. It needs root (the default uid):
 * it raises weights.
 */
public class FactorizerRace implements Workload {

    /** The weights raced without arguments: 20 down to 1. */
    public static final List<Integer> DEFAULT_WEIGHTS = List.of(20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5,
            4, 3, 2, 1);

    /** Creates the program; number and weights come from the arguments. */
    public FactorizerRace() {
    }

    @Override
    public void run(Syscalls sys) {
        Long n = Factorizer.numberArgument(sys, 0);
        if (n == null) {
            sys.exit(1);
        }
        Lab.requireRoot(sys, "FactorizerRace", "raises SCHED_WRR weights");
        List<Integer> weights = Lab.weights(sys, "FactorizerRace", sys.argv().subList(Math.min(1, sys.argv().size()),
                sys.argv().size()), DEFAULT_WEIGHTS);
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        sys.schedSetaffinity(0, cpu0);
        int ownWeight = sys.schedGetweight(0);
        long forkedAt = sys.clockGettime(Syscalls.CLOCK_MONOTONIC);
        for (int w : weights) {
            sys.schedSetweight(0, w);
            sys.fork(child -> {
                List<Long> factors = Factorizer.factor(child, n);
                long turnaround = child.clockGettime(Syscalls.CLOCK_MONOTONIC) - forkedAt;
                child.print(String.format(Locale.ROOT, "weight %2d: %s, turnaround %s ms%n", child.schedGetweight(0),
                        Factorizer.factorLine(n, factors), Factorizer.millis(turnaround)));
            });
        }
        sys.schedSetweight(0, ownWeight);
        for (int i = 0; i < weights.size(); i++) {
            sys.waitpid(-1, 0);
        }
        sys.print(String.format(Locale.ROOT, "all %d children done at %s ms%n", weights.size(),
                Factorizer.millis(sys.clockGettime(Syscalls.CLOCK_MONOTONIC))));
    }
}
