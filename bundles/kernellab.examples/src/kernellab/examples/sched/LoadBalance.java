package kernellab.examples.sched;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * The SCHED_WRR load balancer at work: all hogs start forced onto CPU 0, are then allowed on
 * every CPU, and the periodic balancer spreads them one task per period.
 *
 * <p>The parent pins itself to CPU 0 and forks one CPU hog per weight (arguments, default
 * 10 8 6 4 2 1), setting its own weight before each fork so that the hog inherits weight and
 * affinity. Then it allows itself every CPU again and becomes SCHED_FIFO, so that it wakes up
 * at once (RT preempts WRR) without being a WRR task that the balancer would count. After
 * {@value #RELEASE_MS} ms it releases every hog with
 * {@code sched_setaffinity(pid, all CPUs)}. Releasing moves nothing by itself: each hog is
 * still on an allowed CPU. Every hog computes in 10 ms steps for {@value #RUN_MS} ms and prints
 * a line whenever it finds itself on another CPU, then its total:
 * <pre>
 * hog w10 (pid 3): CPU 0 -&gt; CPU 1 at 2000 ms
 * hog w10 (pid 3): ran 5700 ms, ended on CPU 1 after 1 migration(s)
 * </pre>
 *
 * <p>What to observe: every balance period (2000 ms by default, {@code --balance-period})
 * the balancer takes the CPUs with the largest and the smallest WRR total weight and moves the
 * heaviest task of the largest that is not running, is allowed on the smallest, and does not
 * make the smallest's total reach the largest's: w10 first, then w8, then w6, at most one task
 * per period. A CPU that merely stays idle pulls nothing: idle balance reacts to a queue that
 * empties, as at the end, when the first hogs exit and their CPUs pull the hogs still waiting
 * on CPU 0. {@code /proc/sched_debug} before and after a balance shows the totals; the trace's
 * {@code sched_wrr_load_balance} events name the CPUs, weights and the moved task, also when
 * nothing may move; the Results view shows each hog's migrations and CPU time. It needs root
 * (the default uid): it raises weights and uses SCHED_FIFO.
 */
public class LoadBalance implements Workload {

    /** When the hogs are allowed on every CPU, ms after the start. */
    public static final long RELEASE_MS = 100;
    /** How long every hog runs, ms after the start. */
    public static final long RUN_MS = 7_000;
    /** One millisecond, ns. */
    private static final long MS = 1_000_000L;

    /** Creates the program; the weights come from the arguments. */
    public LoadBalance() {
    }

    @Override
    public void run(Syscalls sys) {
        Lab.requireRoot(sys, "LoadBalance", "raises SCHED_WRR weights and uses SCHED_FIFO");
        List<Integer> weights = Lab.weights(sys, "LoadBalance", sys.argv(), List.of(10, 8, 6, 4, 2, 1));
        BitSet all = sys.schedGetaffinity(0);
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        sys.schedSetaffinity(0, cpu0);
        long start = sys.clockGettime(Syscalls.CLOCK_MONOTONIC);
        List<Integer> hogs = new ArrayList<>();
        for (int w : weights) {
            sys.schedSetweight(0, w);
            hogs.add(sys.fork(hog -> {
                String name = String.format(Locale.ROOT, "hog w%d (pid %d)", hog.schedGetweight(0), hog.getpid());
                int cpu = hog.schedGetcpu();
                int moves = 0;
                while (hog.clockGettime(Syscalls.CLOCK_MONOTONIC) < start + RUN_MS * MS) {
                    hog.compute(10 * MS);
                    int now = hog.schedGetcpu();
                    if (now != cpu) {
                        hog.print(String.format(Locale.ROOT, "%s: CPU %d -> CPU %d at %d ms%n", name, cpu, now,
                                (hog.clockGettime(Syscalls.CLOCK_MONOTONIC) - start) / MS));
                        cpu = now;
                        moves++;
                    }
                }
                hog.print(String.format(Locale.ROOT, "%s: ran %d ms, ended on CPU %d after %d migration(s)%n", name,
                        hog.clockGettime(Syscalls.CLOCK_THREAD_CPUTIME_ID) / MS, cpu, moves));
            }));
        }
        sys.schedSetaffinity(0, all);
        sys.schedSetscheduler(0, Policy.SCHED_FIFO, 1);
        sys.nanosleep(RELEASE_MS * MS);
        for (int pid : hogs) {
            sys.schedSetaffinity(pid, all);
        }
        sys.print(String.format(Locale.ROOT, "released %d hogs at %d ms%n", hogs.size(),
                (sys.clockGettime(Syscalls.CLOCK_MONOTONIC) - start) / MS));
        for (int i = 0; i < hogs.size(); i++) {
            sys.waitpid(-1, 0);
        }
    }
}
