package kernellab.runner.protocol;

/**
 * @param path a /proc path such as {@code /proc/sched_debug}, or a tool such as {@code slabtop}
 */
public record ProcFileParams(String path) {
}
