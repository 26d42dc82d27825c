package kernellab.runner.internal.sim;

/** A workload cannot be started: an unknown behaviour, or a class that cannot be loaded or used. */
public final class WorkloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the workload and says why
     */
    public WorkloadException(String message) {
        super(message);
    }
}
