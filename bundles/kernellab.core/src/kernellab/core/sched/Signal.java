package kernellab.core.sched;

import java.util.Locale;

/**
 * The standard signals of x86_64 Linux with their numbers and default actions, as signal(7)
 * lists them. Signals 32 to 64 are the real-time signals (default action: terminate), which
 * have no constant here; {@link #name(int)} prints them as strace does ({@code SIGRT_1}).
 */
public enum Signal {
    /** Hangup. */
    SIGHUP(1, Action.TERM),
    /** Interrupt from the keyboard. */
    SIGINT(2, Action.TERM),
    /** Quit from the keyboard. */
    SIGQUIT(3, Action.CORE),
    /** Illegal instruction. */
    SIGILL(4, Action.CORE),
    /** Trace or breakpoint trap. */
    SIGTRAP(5, Action.CORE),
    /** abort(3). */
    SIGABRT(6, Action.CORE),
    /** Bad memory access (past the end of a mapped file). */
    SIGBUS(7, Action.CORE),
    /** Arithmetic exception. */
    SIGFPE(8, Action.CORE),
    /** Kill; cannot be caught or ignored. */
    SIGKILL(9, Action.TERM),
    /** User-defined signal 1. */
    SIGUSR1(10, Action.TERM),
    /** Invalid memory reference. */
    SIGSEGV(11, Action.CORE),
    /** User-defined signal 2. */
    SIGUSR2(12, Action.TERM),
    /** Write to a pipe with no readers. */
    SIGPIPE(13, Action.TERM),
    /** Timer signal from alarm(2). */
    SIGALRM(14, Action.TERM),
    /** Termination request, kill(1)'s default. */
    SIGTERM(15, Action.TERM),
    /** Stack fault on the coprocessor (unused). */
    SIGSTKFLT(16, Action.TERM),
    /** A child stopped or exited. */
    SIGCHLD(17, Action.IGN),
    /** Continue if stopped. */
    SIGCONT(18, Action.CONT),
    /** Stop; cannot be caught or ignored. */
    SIGSTOP(19, Action.STOP),
    /** Stop typed at the terminal. */
    SIGTSTP(20, Action.STOP),
    /** Terminal input for a background process. */
    SIGTTIN(21, Action.STOP),
    /** Terminal output for a background process. */
    SIGTTOU(22, Action.STOP),
    /** Urgent condition on a socket. */
    SIGURG(23, Action.IGN),
    /** CPU time limit exceeded. */
    SIGXCPU(24, Action.CORE),
    /** File size limit exceeded. */
    SIGXFSZ(25, Action.CORE),
    /** Virtual alarm clock. */
    SIGVTALRM(26, Action.TERM),
    /** Profiling timer expired. */
    SIGPROF(27, Action.TERM),
    /** Window resize. */
    SIGWINCH(28, Action.IGN),
    /** I/O now possible. */
    SIGIO(29, Action.TERM),
    /** Power failure. */
    SIGPWR(30, Action.TERM),
    /** Bad system call. */
    SIGSYS(31, Action.CORE);

    /** A signal's default disposition ({@code SIG_DFL}). */
    public enum Action {
        /** Terminate the process. */
        TERM,
        /** Terminate the process and dump core (no core file here: {@code ulimit -c 0}). */
        CORE,
        /** Ignore the signal. */
        IGN,
        /** Stop the process. */
        STOP,
        /** Continue the process if it is stopped. */
        CONT
    }

    /** {@code _NSIG}: the highest signal number. */
    public static final int NSIG = 64;
    /** {@code SIGRTMIN} as the kernel counts: the first real-time signal. */
    public static final int SIGRTMIN = 32;

    private final int number;
    private final Action action;

    Signal(int number, Action action) {
        this.number = number;
        this.action = action;
    }

    /** @return the signal number */
    public int number() {
        return number;
    }

    /** @return the default action */
    public Action action() {
        return action;
    }

    /**
     * @param sig a signal number, 1 to {@link #NSIG}
     * @return its default action (real-time signals terminate)
     * @throws IllegalArgumentException if it is not a signal number
     */
    public static Action action(int sig) {
        return sig >= SIGRTMIN && sig <= NSIG ? Action.TERM : of(sig).action;
    }

    /**
     * @param sig a signal number, 1 to {@link #NSIG}
     * @return its name as strace prints it: {@code SIGTERM}, {@code SIGRT_2} for 34
     * @throws IllegalArgumentException if it is not a signal number
     */
    public static String name(int sig) {
        return sig >= SIGRTMIN && sig <= NSIG ? "SIGRT_" + (sig - SIGRTMIN) : of(sig).name();
    }

    /**
     * @param sig a standard signal's number, 1-31
     * @return the signal
     * @throws IllegalArgumentException for any other number
     */
    public static Signal of(int sig) {
        if (sig < 1 || sig >= SIGRTMIN) {
            throw new IllegalArgumentException("not a standard signal: " + sig);
        }
        return values()[sig - 1];
    }

    /**
     * @param name a standard signal's name as kill(1) takes it: {@code SIGTERM}, {@code TERM},
     *        in any case
     * @return the signal, or {@code null} if there is none of that name
     */
    public static Signal byName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (Signal s : values()) {
            if (s.name().equals(n) || s.name().equals("SIG" + n)) {
                return s;
            }
        }
        return null;
    }
}
