package kernellab.runner.protocol;

/**
 * @param line one command of the syscall shell's language, e.g. {@code setweight 3 5} or
 *        {@code cat /proc/sched_debug}
 */
public record ShellParams(String line) {
}
