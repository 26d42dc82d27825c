package kernellab.runner.protocol;

/**
 * @param pid the process (thread-group id) whose address space is wanted
 */
public record ProcessMapsParams(int pid) {
}
