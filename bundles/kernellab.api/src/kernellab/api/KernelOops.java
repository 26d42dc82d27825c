package kernellab.api;

/**
 * Thrown into kernel-module code when it does something a real kernel would oops or panic on
 * (an access to memory it does not own, a failed {@code SLAB_PANIC} cache). The report is
 * already in the kernel log; the module's {@code init} or {@code exit} is aborted, the
 * simulated machine goes on.
 */
public class KernelOops extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the first line of the kernel's report
     */
    public KernelOops(String message) {
        super(message);
    }
}
