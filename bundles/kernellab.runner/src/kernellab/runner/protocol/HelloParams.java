package kernellab.runner.protocol;

/**
 * The first message of a connection.
 *
 * @param protocolVersion the client's {@link KernelLabProtocol#VERSION}
 * @param secret the per-launch secret the runner got in {@link KernelLabProtocol#SECRET_ENV}
 * @param client the client's name, for messages (e.g. {@code KernelLab IDE 0.1.0})
 */
public record HelloParams(int protocolVersion, String secret, String client) {
}
