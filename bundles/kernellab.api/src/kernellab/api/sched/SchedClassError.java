package kernellab.api.sched;

/**
 * The error a class raises on purpose with {@link SchedKernel#error} (as a sched_ext scheduler
 * calls {@code scx_bpf_error()}): the kernel disables the class with this message as the
 * reason. Catching it does not undo that.
 */
public final class SchedClassError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the reason
     */
    public SchedClassError(String message) {
        super(message);
    }
}
