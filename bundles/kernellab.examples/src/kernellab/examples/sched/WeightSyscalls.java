package kernellab.examples.sched;

import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * The lab's test program for the SCHED_WRR system calls: it calls {@code sched_setweight},
 * {@code sched_getweight} and {@code sched_setscheduler} with good and bad arguments and prints
 * each result the way a C test program does: {@code call = result} on success,
 * {@code perror}'s {@code call: message} on failure.
 *
 * <p>Run it as an ordinary user ({@code --uid 1000}) to see every error of the lab's
 * specification:
 * <pre>
 * uid 1000, pid 2, parent 1
 * sched_getscheduler(0) = 7 (SCHED_WRR)
 * sched_getweight(0) = 10
 * sched_setweight(0, 0): Invalid argument
 * sched_setweight(0, 21): Invalid argument
 * sched_setweight(-1, 5): Invalid argument
 * sched_setweight(99999, 5): No such process
 * sched_setweight(0, 5) = 0
 * sched_getweight(0) = 5
 * sched_setweight(0, 15): Operation not permitted
 * sched_setweight(1, 5): Operation not permitted
 * sched_setscheduler(0, SCHED_WRR, 5): Invalid argument
 * sched_setscheduler(0, SCHED_NORMAL, 0) = 0
 * sched_getweight(0): Invalid argument
 * sched_setweight(0, 5): Invalid argument
 * sched_setscheduler(0, SCHED_WRR, 0) = 0
 * sched_getweight(0) = 10
 * </pre>
 *
 * <p>What to look at: argument errors come before permission errors, as in
 * {@code kernel/sched/syscalls.c} (a weight of 21 is EINVAL even for an ordinary user); a weight
 * outside 1–20, a negative pid, a task that is not SCHED_WRR and a non-zero priority with
 * SCHED_WRR are all EINVAL; a pid that names no task is ESRCH; an ordinary user may lower its
 * own weight but not raise it, nor touch another user's task (init's) — EPERM. Switching back
 * to SCHED_WRR gives the default weight 10 again. As root ({@code --uid 0}, the default) the
 * two EPERM lines become {@code = 0}. The policy changes appear in the trace as
 * {@code sched_policy_change} events and in {@code /proc/PID/sched}.
 */
public class WeightSyscalls implements Workload {

    /** A pid that no task has. */
    public static final int NO_SUCH_PID = 99_999;

    /** Creates the program. */
    public WeightSyscalls() {
    }

    @Override
    public void run(Syscalls sys) {
        sys.print("uid " + sys.getuid() + ", pid " + sys.getpid() + ", parent " + sys.getppid() + "\n");
        call(sys, "sched_getscheduler(0)", () -> sys.schedGetscheduler(0).number(),
                r -> r + " (" + Policy.fromNumber(r) + ")");
        getweight(sys, 0);
        setweight(sys, 0, 0);
        setweight(sys, 0, 21);
        setweight(sys, -1, 5);
        setweight(sys, NO_SUCH_PID, 5);
        setweight(sys, 0, 5);
        getweight(sys, 0);
        setweight(sys, 0, 15);
        setweight(sys, 1, 5);
        setscheduler(sys, Policy.SCHED_WRR, 5);
        setscheduler(sys, Policy.SCHED_NORMAL, 0);
        getweight(sys, 0);
        setweight(sys, 0, 5);
        setscheduler(sys, Policy.SCHED_WRR, 0);
        getweight(sys, 0);
    }

    private static void getweight(Syscalls sys, int pid) {
        call(sys, "sched_getweight(" + pid + ")", () -> sys.schedGetweight(pid), String::valueOf);
    }

    private static void setweight(Syscalls sys, int pid, int weight) {
        call(sys, "sched_setweight(" + pid + ", " + weight + ")", () -> {
            sys.schedSetweight(pid, weight);
            return 0;
        }, String::valueOf);
    }

    private static void setscheduler(Syscalls sys, Policy policy, int priority) {
        call(sys, "sched_setscheduler(0, " + policy + ", " + priority + ")", () -> {
            sys.schedSetscheduler(0, policy, priority);
            return 0;
        }, String::valueOf);
    }

    /** Makes one call and prints {@code call = result} or, like {@code perror(call)}, {@code call: error}. */
    private static void call(Syscalls sys, String call, IntSupplier syscall, IntFunction<String> result) {
        String line;
        try {
            line = call + " = " + result.apply(syscall.getAsInt());
        } catch (Errno e) {
            line = call + ": " + Errno.strerror(e.errno());
        }
        sys.print(line + "\n");
    }
}
