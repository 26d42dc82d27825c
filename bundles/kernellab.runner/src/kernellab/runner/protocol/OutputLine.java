package kernellab.runner.protocol;

/**
 * Text a task wrote.
 *
 * @param timeNs simulated time
 * @param pid the writing task
 * @param comm its command name
 * @param text the text as written
 */
public record OutputLine(long timeNs, int pid, String comm, String text) {
}
