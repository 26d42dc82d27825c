package kernellab.core.mm;

import kernellab.core.sched.Signal;

/**
 * A user access the kernel could not satisfy: the signal the faulting task gets, as
 * {@code force_sig_fault} would deliver it. Thrown by {@link VirtualMemory}'s access methods;
 * the system-call layer delivers it ({@link VirtualMemory#deliver}) or turns it into EFAULT
 * when the access was the kernel's own ({@code copy_from_user}). The signal is
 * {@link Signal#SIGSEGV} (no mapping, or a mapping that forbids the access),
 * {@link Signal#SIGBUS} (beyond the end of a mapped file) or {@link Signal#SIGKILL} (the OOM
 * killer chose the faulting task).
 */
public final class UserFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code si_code} SEGV_MAPERR: address not mapped. */
    public static final int SEGV_MAPERR = 1;
    /** {@code si_code} SEGV_ACCERR: invalid permissions for a mapped object. */
    public static final int SEGV_ACCERR = 2;
    /** {@code si_code} BUS_ADRERR: nonexistent physical address (past the end of the file). */
    public static final int BUS_ADRERR = 2;

    /** Page-fault error code bit: protection violation on a present page. */
    public static final int PF_PROT = 1;
    /** Page-fault error code bit: write access. */
    public static final int PF_WRITE = 2;
    /** Page-fault error code bit: user-mode access. */
    public static final int PF_USER = 4;

    private final Signal signal;
    private final int code;
    private final long address;
    private final int errorCode;

    UserFault(Signal signal, int code, long address, int errorCode) {
        super(null, null, false, false);
        this.signal = signal;
        this.code = code;
        this.address = address;
        this.errorCode = errorCode;
    }

    /** @return the signal */
    public Signal signal() {
        return signal;
    }

    /** @return {@code si_code} */
    public int code() {
        return code;
    }

    /** @return {@code si_addr}: the faulting address */
    public long address() {
        return address;
    }

    /** @return the x86 page-fault error code */
    public int errorCode() {
        return errorCode;
    }

    @Override
    public String getMessage() {
        String name = switch (signal) {
            case SIGSEGV -> "SIGSEGV (" + (code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR") + ")";
            case SIGBUS -> "SIGBUS (BUS_ADRERR)";
            default -> signal.name();
        };
        return String.format("%s at %#x", name, address);
    }
}
