package kernellab.api;

import java.util.Arrays;

/**
 * Scheduling policies with their Linux numbers ({@code include/uapi/linux/sched.h}) plus the
 * lab's {@link #SCHED_WRR} (number 7). Scheduling classes are asked in the order
 * RT ({@link #SCHED_FIFO}, {@link #SCHED_RR}) &gt; WRR &gt; fair ({@link #SCHED_NORMAL},
 * {@link #SCHED_BATCH}, {@link #SCHED_IDLE}).
 */
public enum Policy {
    /** Completely fair scheduling, weight from the nice value (also called SCHED_OTHER). */
    SCHED_NORMAL(0),
    /** Real-time first-in first-out, priorities 1–99, no time slice. */
    SCHED_FIFO(1),
    /** Real-time round robin, priorities 1–99, 100 ms time slice. */
    SCHED_RR(2),
    /** Fair class for CPU-bound batch work: never preempts on wake-up. */
    SCHED_BATCH(3),
    /** Fair class with the smallest weight (3): runs when nothing else wants the CPU. */
    SCHED_IDLE(5),
    /** The lab's weighted round robin: weights 1–20, time slice = weight × base slice. */
    SCHED_WRR(7);

    private static final Policy[] BY_NUMBER = new Policy[8];

    static {
        Arrays.stream(values()).forEach(p -> BY_NUMBER[p.number] = p);
    }

    private final int number;

    Policy(int number) {
        this.number = number;
    }

    /** @return the policy number the kernel uses, e.g. 7 for SCHED_WRR */
    public int number() {
        return number;
    }

    /** @return whether this is a real-time policy (FIFO or RR), which takes a priority 1–99 */
    public boolean isRealTime() {
        return this == SCHED_FIFO || this == SCHED_RR;
    }

    /** @return whether this policy belongs to the fair (CFS) class */
    public boolean isFair() {
        return this == SCHED_NORMAL || this == SCHED_BATCH || this == SCHED_IDLE;
    }

    /**
     * @param number a policy number as passed to {@code sched_setscheduler}
     * @return the policy
     * @throws Errno {@link Errno#EINVAL} if no policy has that number (4 and 6 included)
     */
    public static Policy fromNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length || BY_NUMBER[number] == null) {
            throw new Errno(Errno.EINVAL);
        }
        return BY_NUMBER[number];
    }
}
