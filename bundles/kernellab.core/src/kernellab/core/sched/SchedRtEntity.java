package kernellab.core.sched;

/**
 * A task's state in the real-time class ({@code struct sched_rt_entity}, {@code p->rt}): its
 * link in the FIFO of its priority in the CPU's {@link RtRunQueue} ({@code run_list}), whether
 * it is among the CPU's pushable tasks ({@code p->pushable_tasks}) and what is left of its
 * SCHED_RR slice ({@code time_slice}).
 */
final class SchedRtEntity {

    /** The next task of the same priority in the CPU's FIFO, {@code null} at the tail. */
    Task next;
    /** The previous task of the same priority, {@code null} at the head. */
    Task prev;
    /** Whether it is in a FIFO of an {@link RtRunQueue} ({@code on_rt_rq}). */
    boolean onRtRq;
    /** Whether it is in its CPU's pushable list. */
    boolean pushable;
    /** The next pushable task of the same priority, {@code null} at the tail. */
    Task pushNext;
    /** The previous pushable task of the same priority, {@code null} at the head. */
    Task pushPrev;
    /** {@code rt.time_slice}: what is left of the SCHED_RR slice, ns; refilled to {@code RR_TIMESLICE}. */
    long timeSlice;
}
