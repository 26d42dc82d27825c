package kernellab.runner.protocol;

/**
 * What a shell command printed.
 *
 * @param output its output, with what the tasks printed meanwhile (each line ending in a newline)
 * @param error the command's error as the shell prints it (an errno, a usage message), or {@code null}
 * @param timeNs simulated time after the command
 */
public record ShellResult(String output, String error, long timeNs) {
}
