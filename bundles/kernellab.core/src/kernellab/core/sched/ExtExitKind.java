package kernellab.core.sched;

/**
 * Why the class that serves policy 7 was disabled ({@code enum scx_exit_kind}): each kind
 * has a code and the words the kernel prints for it ({@code scx_exit_reason}).
 */
public enum ExtExitKind {
    /** A hook threw an exception or error. */
    HOOK_EXCEPTION(1024, "runtime error"),
    /** A hook broke one of the kernel's rules (a pick of a task not queued there, a bad CPU, a slice ≤ 0…). */
    INVALID_RESULT(1025, "invalid result"),
    /** The class called {@code error()} ({@code scx_bpf_error}). */
    CLASS_ERROR(1026, "scheduler error"),
    /** A runnable task was not picked for longer than the watchdog timeout ({@code SCX_EXIT_ERROR_STALL}). */
    STALL(1027, "runnable task stall"),
    /** A hook ran longer than its real-time budget. */
    HOOK_TIMEOUT(1028, "hook timeout");

    private final int code;
    private final String reason;

    ExtExitKind(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** @return the exit code, as {@code SCX_EXIT_ERROR} and friends */
    public int code() {
        return code;
    }

    /** @return the words printed for it, e.g. {@code "runtime error"} */
    public String reason() {
        return reason;
    }
}
