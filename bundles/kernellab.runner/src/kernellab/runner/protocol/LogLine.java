package kernellab.runner.protocol;

/**
 * A kernel log record, or a line of why a task died (the JVM's report of an uncaught exception,
 * the kernel's line of a fatal signal), which the IDE shows with the log on the Console's error
 * stream.
 *
 * @param timeNs simulated time
 * @param level printk level, e.g. {@code KERN_ERR} (always that for why a task died)
 * @param text the line as dmesg prints it, with its time stamp; a task's death line as it is
 */
public record LogLine(long timeNs, String level, String text) {
}
