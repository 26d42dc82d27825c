package kernellab.runner.protocol;

/** The other side speaks another {@link KernelLabProtocol#VERSION}. */
public final class ProtocolVersionException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what each side speaks
     */
    public ProtocolVersionException(String message) {
        super(message);
    }
}
