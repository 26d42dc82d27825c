package kernellab.api;

/**
 * The {@code printk} log levels of {@code include/linux/kern_levels.h}, from the most to the
 * least severe; {@link #level()} is the number that {@code dmesg -r} shows as {@code <N>}.
 */
public enum LogLevel {
    /** System is unusable. */
    KERN_EMERG,
    /** Action must be taken immediately. */
    KERN_ALERT,
    /** Critical conditions. */
    KERN_CRIT,
    /** Error conditions. */
    KERN_ERR,
    /** Warning conditions. */
    KERN_WARNING,
    /** Normal but significant condition. */
    KERN_NOTICE,
    /** Informational. */
    KERN_INFO,
    /** Debug-level messages. */
    KERN_DEBUG;

    /**
     * @return the numeric level, 0 for {@link #KERN_EMERG} to 7 for {@link #KERN_DEBUG}
     */
    public int level() {
        return ordinal();
    }
}
