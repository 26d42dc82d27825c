package kernellab.core.sched;

import kernellab.api.Errno;
import kernellab.core.sim.Coroutine;

/**
 * Signals ({@code kernel/signal.c}) with their default actions only, since workload code
 * installs no handlers: {@code kill(2)}, the fatal signals of faults, the OOM killer and the
 * watchdogs, which end the whole thread group ({@code do_group_exit(sig)}).
 */
public final class Signals {

    private final Scheduler scheduler;

    Signals(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * {@code kill(2)} of one process ({@code pid > 0}) with the signal's default action. As in
     * the kernel: an invalid number is EINVAL, no task with that pid is ESRCH (a zombie still
     * has its pid: the signal is accepted and does nothing), a caller that is not root and not
     * the target's user gets EPERM, and signal 0 only checks all that. Kernel threads ignore
     * every signal, init (SIGNAL_UNKILLABLE) every signal with the default action, SIGKILL
     * included; signals whose default is to ignore do nothing; the others end the target's
     * thread group (exit status 128 + signal).
     *
     * @param caller the calling task
     * @param pid the target, positive
     * @param sig 0 to {@link Signal#NSIG}
     * @throws Errno EINVAL, ESRCH or EPERM
     * @throws IllegalArgumentException for a stop or continue signal (job control is not
     *         simulated) or a pid that is not positive (process groups are not simulated)
     */
    public void kill(Task caller, int pid, int sig) {
        if (sig < 0 || sig > Signal.NSIG) {
            throw new Errno(Errno.EINVAL);
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("kill of process groups (pid " + pid + ") is not simulated");
        }
        Task t = scheduler.tasks.get(pid);
        if (t == null) {
            throw new Errno(Errno.ESRCH);
        }
        if (!caller.isRoot() && caller.uid != t.uid) {
            throw new Errno(Errno.EPERM);
        }
        if (sig == 0) {
            return;
        }
        Signal.Action action = Signal.action(sig);
        if (action == Signal.Action.STOP || action == Signal.Action.CONT) {
            throw new IllegalArgumentException(Signal.name(sig) + ": stopping and continuing processes is not simulated");
        }
        if (t.exitTime >= 0 || t.kernelThread || t == scheduler.init || action == Signal.Action.IGN) {
            return;
        }
        killProcess(t, sig, t.comm + "[" + t.pid + "]: killed by " + Signal.name(sig) + " from " + caller.comm + "[" + caller.pid
                + "]");
    }

    /**
     * Kills a task's whole thread group with a fatal signal, as the default action of SIGSEGV,
     * SIGBUS or SIGKILL does ({@code do_group_exit(sig)}): every thread exits with the signal
     * (wait status = signal, shell status 128 + signal), and the coroutines of threads other
     * than the calling one are stopped. Used by the memory manager for faults and the OOM killer.
     *
     * @param t a task of the group
     * @param signal the signal number
     * @param report why, kept as the exit report of {@code t}
     */
    public void killProcess(Task t, int signal, String report) {
        for (Task member : t.threadGroup()) {
            if (member.exitTime < 0) {
                scheduler.exit().doExit(member, 0, signal, member == t ? report : null);
                if (member.coroutine != null && !member.coroutine.isCurrentThread()) {
                    member.coroutine.kill();
                }
            }
        }
    }

    /**
     * Kills the calling task's thread group with a fatal signal ({@link #killProcess}); never
     * returns normally.
     *
     * @param t the caller, running on its own coroutine
     * @param signal the signal number
     * @param report why
     * @throws Coroutine.Killed always, to unwind the caller's workload code
     */
    public void exitBySignal(Task t, int signal, String report) {
        killProcess(t, signal, report);
        exitKilled(t);
    }

    /**
     * Ends the calling task's workload code after its process was killed ({@link #killProcess}),
     * as a task with a fatal signal pending never gets back to user mode; never returns normally.
     *
     * @param t the caller, running on its own coroutine, already exited
     * @throws Coroutine.Killed always, to unwind the caller's workload code
     */
    public void exitKilled(Task t) {
        t.coroutine.finish();
        throw new Coroutine.Killed();
    }

    /**
     * Kills, with SIGKILL, the task whose workload code the engine's watchdog stopped; called
     * with control on the watchdog's thread.
     *
     * @param c the runaway coroutine
     * @param limitMillis the watchdog limit, for the message
     */
    public void watchdogKill(Coroutine c, long limitMillis) {
        for (Task t : scheduler.tasks.values()) {
            if (t.coroutine == c) {
                scheduler.currentCpu = t.cpu;
                scheduler.exit().doExit(t, 0, Signal.SIGKILL.number(), t.comm + "[" + t.pid
                        + "]: killed by the watchdog: ran more than " + limitMillis + " ms of real time without a system call");
                return;
            }
        }
    }
}
