package kernellab.runner.protocol;

/**
 * A kernel log record.
 *
 * @param timeNs simulated time
 * @param level printk level, e.g. {@code KERN_ERR}
 * @param text the line as dmesg prints it, with its time stamp
 */
public record LogLine(long timeNs, String level, String text) {
}
