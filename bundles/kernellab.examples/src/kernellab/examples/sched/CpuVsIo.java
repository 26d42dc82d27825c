package kernellab.examples.sched;

import java.util.BitSet;
import java.util.Locale;

import kernellab.api.Policy;
import kernellab.api.Rusage;
import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * A CPU-bound and an I/O-bound process on one CPU: how each scheduling class treats a task that
 * sleeps most of the time.
 *
 * <p>The parent sets the policy given as argument (default {@code SCHED_WRR}; try
 * {@code SCHED_NORMAL}; real-time policies are refused), pins itself to CPU 0 and forks two children that inherit both:
 * <ul>
 * <li>{@code cpu-bound}: {@value #CPU_ROUNDS} × 10 ms of computing, never blocking;</li>
 * <li>{@code io-bound}: {@value #IO_ROUNDS} × (1 ms of computing, then a 9 ms disk read in state D).</li>
 * </ul>
 * Each prints its {@code getrusage}: CPU time, turnaround from the fork, voluntary switches
 * (it blocked) and involuntary ones (it was preempted):
 * <pre>
 * SCHED_WRR io-bound: cpu 50 ms, turnaround 5059 ms, 50 voluntary / 0 involuntary switches
 * </pre>
 *
 * <p>What to observe: the I/O-bound task needs only 50 ms of CPU and 450 ms of I/O, yet under
 * SCHED_WRR its turnaround is ten times that: a WRR wake-up does not preempt the running WRR
 * task, so after every read it waits at the back of the queue for the rest of the hog's 100 ms
 * slice. Under SCHED_NORMAL the woken task's vruntime is far behind the hog's (it slept), so
 * CFS's {@code check_preempt_wakeup} lets it run at once: it finishes in its own 500 ms and
 * the hog's turnaround does not change. The CPU Timeline shows the two patterns; the Results view's
 * wait time ({@code run_delay}) of the I/O task tells the same story in one number.
 */
public class CpuVsIo implements Workload {

    /** Bursts of the CPU-bound child: 5 s of computing in all. */
    public static final int CPU_ROUNDS = 500;
    /** Bursts of the I/O-bound child. */
    public static final int IO_ROUNDS = 50;
    /** One millisecond, ns. */
    private static final long MS = 1_000_000L;

    /** Creates the program; the policy comes from the arguments. */
    public CpuVsIo() {
    }

    @Override
    public void run(Syscalls sys) {
        Policy policy = policyArgument(sys);
        if (policy == null) {
            sys.exit(1);
        }
        sys.schedSetscheduler(0, policy, 0);
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        sys.schedSetaffinity(0, cpu0);
        long forkedAt = sys.clockGettime(Syscalls.CLOCK_MONOTONIC);
        sys.fork(child -> {
            for (int i = 0; i < CPU_ROUNDS; i++) {
                child.compute(10 * MS);
            }
            report(child, policy, "cpu-bound", forkedAt);
        });
        sys.fork(child -> {
            for (int i = 0; i < IO_ROUNDS; i++) {
                child.compute(MS);
                child.io(9 * MS);
            }
            report(child, policy, "io-bound", forkedAt);
        });
        sys.waitpid(-1, 0);
        sys.waitpid(-1, 0);
    }

    /**
     * Reads the policy argument, printing a message if it names no policy or a real-time one
     * (which would need a priority).
     *
     * @return the policy, or {@code null} for a bad argument
     */
    private static Policy policyArgument(Syscalls sys) {
        if (sys.argv().isEmpty()) {
            return Policy.SCHED_WRR;
        }
        String arg = sys.argv().get(0);
        for (Policy p : Policy.values()) {
            if (p.name().equals(arg) && !p.isRealTime()) {
                return p;
            }
        }
        sys.print("CpuVsIo: invalid policy '" + arg + "': must be SCHED_WRR, SCHED_NORMAL, SCHED_BATCH or SCHED_IDLE\n");
        return null;
    }

    /** Prints the child's line. */
    private static void report(Syscalls sys, Policy policy, String kind, long forkedAt) {
        Rusage ru = sys.getrusage(Syscalls.RUSAGE_SELF);
        long turnaround = sys.clockGettime(Syscalls.CLOCK_MONOTONIC) - forkedAt;
        sys.print(String.format(Locale.ROOT, "%s %s: cpu %d ms, turnaround %d ms, %d voluntary / %d involuntary switches%n",
                policy, kind, (ru.utimeNs() + ru.stimeNs()) / MS, turnaround / MS, ru.nvcsw(), ru.nivcsw()));
    }
}
