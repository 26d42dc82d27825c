package kernellab.ui.views;

import kernellab.api.Policy;

/**
 * The scheduling classes a student tells apart in the views: each has its own pattern and colour
 * in the CPU Timeline. SCHED_IDLE is a fair policy but gets its own, as it only runs when nothing
 * else wants the CPU.
 */
public enum PolicyClass {
    /** SCHED_FIFO and SCHED_RR (rt_sched_class). */
    RT,
    /** The lab's SCHED_WRR. */
    WRR,
    /** SCHED_NORMAL and SCHED_BATCH (fair_sched_class). */
    CFS,
    /** SCHED_IDLE. */
    IDLE;

    /** @return the class of a policy */
    public static PolicyClass of(Policy policy) {
        return switch (policy) {
            case SCHED_FIFO, SCHED_RR -> RT;
            case SCHED_WRR -> WRR;
            case SCHED_NORMAL, SCHED_BATCH -> CFS;
            case SCHED_IDLE -> IDLE;
        };
    }
}
