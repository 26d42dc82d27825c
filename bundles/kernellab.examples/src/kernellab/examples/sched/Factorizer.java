package kernellab.examples.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * The lab's trial-division prime factorizer: a CPU-bound program with a fixed amount of work,
 * whose turnaround time shows what its SCHED_WRR weight buys.
 *
 * <p>It factors its first argument (default {@value #DEFAULT_NUMBER} = 2·2·2·3·1234577·2000003)
 * by trial division: it tries every divisor {@code d} from 2 while {@code d·d} does not exceed
 * what is left of the number. Java's own arithmetic costs no simulated time, so the program
 * charges {@value #NS_PER_TRIAL} ns of simulated CPU per trial with {@link Syscalls#compute}
 * once per batch of {@value #BATCH} trials. The default number needs 1,234,576 trials (every
 * {@code d} up to its second-largest prime factor): 1234.576 ms of CPU, whatever the weight.
 *
 * <p>Output, like GNU {@code factor} followed by the program's accounting:
 * <pre>
 * 59259784889544: 2 2 2 3 1234577 2000003
 * SCHED_WRR weight 10: cpu 1234.576 ms, finished at 1234.576 ms
 * </pre>
 * "finished at" is the simulated clock ({@code CLOCK_MONOTONIC}) at the end; tasks launched
 * together at boot ({@code kernellab run -w … -w …}) start at 0, so it is their turnaround.
 *
 * <p>What to look at: launch it several times with different weights on one CPU
 * ({@code --cpus 1}, or {@code --affinity 0}) and compare "finished at": a task of weight
 * {@code w} gets a slice of {@code w × 10 ms} per round of the WRR queue, so the heavier
 * task needs fewer rounds and finishes first, while every task uses the same CPU time. The
 * Results view (or the JSON report) shows the same turnaround per task, and the CPU Timeline
 * shows the slices growing with the weight. {@link FactorizerRace} runs the whole lab (weights
 * 20 down to 1) in one program. A bad argument is reported like {@code factor} does, with exit
 * status 1.
 */
public class Factorizer implements Workload {

    /** The number factored when no argument is given. */
    public static final long DEFAULT_NUMBER = 59_259_784_889_544L;
    /** Trials charged with one {@code compute} call. */
    public static final int BATCH = 10_000;
    /** Simulated CPU time of one trial division, ns. */
    public static final long NS_PER_TRIAL = 1_000;

    /** Creates the program; the number comes from the arguments. */
    public Factorizer() {
    }

    @Override
    public void run(Syscalls sys) {
        Long n = numberArgument(sys, 0);
        if (n == null) {
            sys.exit(1);
        }
        List<Long> factors = factor(sys, n);
        sys.print(factorLine(n, factors) + "\n");
        Policy policy = sys.schedGetscheduler(0);
        String who = policy == Policy.SCHED_WRR ? "SCHED_WRR weight " + sys.schedGetweight(0) : policy.name();
        sys.print(String.format(Locale.ROOT, "%s: cpu %s ms, finished at %s ms%n", who,
                millis(sys.clockGettime(Syscalls.CLOCK_THREAD_CPUTIME_ID)), millis(sys.clockGettime(Syscalls.CLOCK_MONOTONIC))));
    }

    /**
     * Reads the number to factor, printing {@code factor}'s message for a bad one.
     *
     * @param sys the calling task
     * @param index which argument
     * @return the number (the default when the argument is missing), or {@code null} if it is not
     *         a positive integer
     */
    static Long numberArgument(Syscalls sys, int index) {
        if (sys.argv().size() <= index) {
            return DEFAULT_NUMBER;
        }
        String arg = sys.argv().get(index);
        try {
            long n = Long.parseLong(arg);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative number
        }
        sys.print("factor: '" + arg + "' is not a valid positive integer\n");
        return null;
    }

    /**
     * Factors {@code n} by trial division, spending {@value #NS_PER_TRIAL} ns of simulated CPU
     * per trial.
     *
     * @param sys the calling task
     * @param n a positive number
     * @return its prime factors in ascending order, repeated by multiplicity (none for 1)
     */
    static List<Long> factor(Syscalls sys, long n) {
        List<Long> factors = new ArrayList<>();
        long rest = n;
        long trials = 0;
        for (long d = 2; d <= rest / d; d++) {
            while (rest % d == 0) {
                factors.add(d);
                rest /= d;
            }
            if (++trials % BATCH == 0) {
                sys.compute(BATCH * NS_PER_TRIAL);
            }
        }
        if (rest > 1) {
            factors.add(rest);
        }
        sys.compute(trials % BATCH * NS_PER_TRIAL);
        return factors;
    }

    /**
     * Formats a factorization.
     *
     * @param n the number
     * @param factors its prime factors
     * @return GNU {@code factor}'s line, e.g. {@code "24: 2 2 2 3"}
     */
    static String factorLine(long n, List<Long> factors) {
        StringBuilder line = new StringBuilder().append(n).append(':');
        for (long f : factors) {
            line.append(' ').append(f);
        }
        return line.toString();
    }

    /**
     * Formats a duration.
     *
     * @param ns a duration
     * @return it in milliseconds with three decimals, e.g. {@code "1234.576"}
     */
    static String millis(long ns) {
        return String.format(Locale.ROOT, "%d.%03d", ns / 1_000_000, ns % 1_000_000 / 1_000);
    }
}
