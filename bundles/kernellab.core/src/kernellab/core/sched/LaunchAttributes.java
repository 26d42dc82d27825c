package kernellab.core.sched;

import java.util.BitSet;

import kernellab.api.Policy;

/**
 * Scheduling attributes given to a launched task before it first runs; {@code null} means
 * "inherit from init".
 *
 * @param policy policy, or {@code null}
 * @param priority RT priority 1–99 when {@code policy} is real-time, else ignored
 * @param weight SCHED_WRR weight 1–20, or {@code null}
 * @param nice nice value, or {@code null}
 * @param affinity allowed CPUs, or {@code null}
 * @param uid user id, or {@code null}
 */
public record LaunchAttributes(Policy policy, int priority, Integer weight, Integer nice, BitSet affinity, Integer uid) {

    /** Attributes that inherit everything from init. */
    public static final LaunchAttributes INHERIT = new LaunchAttributes(null, 0, null, null, null, null);
}
