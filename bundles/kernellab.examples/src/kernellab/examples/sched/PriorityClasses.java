package kernellab.examples.sched;

import java.util.BitSet;
import java.util.Locale;

import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * SCHED_FIFO, SCHED_WRR and SCHED_NORMAL tasks on one CPU: the scheduling classes are asked in
 * a fixed order, RT &gt; WRR &gt; fair, and a lower class runs only when no higher one has a
 * runnable task.
 *
 * <p>The parent pins itself to CPU 0 and forks three children, switching its own policy before
 * each fork so that the child inherits it (what {@code chrt} does before {@code exec}):
 * <ul>
 * <li>{@code normal} (SCHED_NORMAL), forked first: 200 ms of computing;</li>
 * <li>{@code wrr} (SCHED_WRR, weight 10): 200 ms of computing;</li>
 * <li>{@code rt} (SCHED_FIFO, priority 50), forked last: three bursts of 20 ms, each followed
 * by a 90 ms sleep.</li>
 * </ul>
 * Each child prints when it first ran and when it finished:
 * <pre>
 * rt     SCHED_FIFO   first ran at    0 ms, finished at  330 ms, cpu 60 ms
 * </pre>
 *
 * <p>What to observe: the fork order does not matter. The real-time task runs first and every
 * time it wakes up it preempts the WRR task at once ({@code check_preempt_curr} across
 * classes). The WRR task runs while the RT task sleeps. The fair task, although forked first,
 * does not run at all until both others are done or asleep. In the CPU Timeline the three
 * colours never interleave otherwise; {@code /proc/sched_debug} lists the three tasks on CPU
 * 0 under their own class's queue. It needs root (the default uid): an ordinary user may not
 * choose SCHED_FIFO ({@code RLIMIT_RTPRIO} is 0).
 */
public class PriorityClasses implements Workload {

    /** One millisecond, ns. */
    private static final long MS = 1_000_000L;

    /** Creates the program. */
    public PriorityClasses() {
    }

    @Override
    public void run(Syscalls sys) {
        Lab.requireRoot(sys, "PriorityClasses", "uses SCHED_FIFO");
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        sys.schedSetaffinity(0, cpu0);
        long forkedAt = sys.clockGettime(Syscalls.CLOCK_MONOTONIC);
        sys.schedSetscheduler(0, Policy.SCHED_NORMAL, 0);
        sys.fork(child -> {
            long first = child.clockGettime(Syscalls.CLOCK_MONOTONIC);
            child.compute(200 * MS);
            report(child, "normal", first - forkedAt, forkedAt);
        });
        sys.schedSetscheduler(0, Policy.SCHED_WRR, 0);
        sys.fork(child -> {
            long first = child.clockGettime(Syscalls.CLOCK_MONOTONIC);
            child.compute(200 * MS);
            report(child, "wrr", first - forkedAt, forkedAt);
        });
        sys.schedSetscheduler(0, Policy.SCHED_FIFO, 50);
        sys.fork(child -> {
            long first = child.clockGettime(Syscalls.CLOCK_MONOTONIC);
            for (int i = 0; i < 3; i++) {
                child.compute(20 * MS);
                child.nanosleep(90 * MS);
            }
            report(child, "rt", first - forkedAt, forkedAt);
        });
        sys.schedSetscheduler(0, Policy.SCHED_WRR, 0);
        for (int i = 0; i < 3; i++) {
            sys.waitpid(-1, 0);
        }
    }

    /** Prints the child's line: class, first run and end relative to the forks, CPU time. */
    private static void report(Syscalls sys, String name, long firstRun, long forkedAt) {
        sys.print(String.format(Locale.ROOT, "%-6s %-12s first ran at %4d ms, finished at %4d ms, cpu %d ms%n", name,
                sys.schedGetscheduler(0), firstRun / MS, (sys.clockGettime(Syscalls.CLOCK_MONOTONIC) - forkedAt) / MS,
                sys.clockGettime(Syscalls.CLOCK_THREAD_CPUTIME_ID) / MS));
    }
}
