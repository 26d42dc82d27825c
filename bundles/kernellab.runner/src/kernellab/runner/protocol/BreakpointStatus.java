package kernellab.runner.protocol;

/**
 * How the runner took a breakpoint.
 *
 * @param id the breakpoint's id
 * @param verified whether it is installed
 * @param message why not, or {@code null}
 * @param hits how often it matched so far
 */
public record BreakpointStatus(int id, boolean verified, String message, long hits) {
}
