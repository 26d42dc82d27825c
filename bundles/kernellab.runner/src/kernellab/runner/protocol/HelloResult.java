package kernellab.runner.protocol;

/**
 * The runner's answer to {@link HelloParams}.
 *
 * @param protocolVersion the runner's {@link KernelLabProtocol#VERSION}
 * @param runner the runner's name and version
 * @param pid the runner process's id (for the IDE's process list)
 */
public record HelloResult(int protocolVersion, String runner, long pid) {
}
