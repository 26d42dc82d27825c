package kernellab.runner.internal.shell;

/** A shell command failed: unknown, malformed, or its system call returned an error (already printed). */
public final class ShellException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public ShellException(String message) {
        super(message);
    }
}
