package kernellab.core.sched;

/**
 * A task's state in the real-time class ({@code struct sched_rt_entity}, {@code p->rt}): its
 * link in the FIFO of its priority in the CPU's {@link RtRunQueue} ({@code run_list}) and what
 * is left of its SCHED_RR slice ({@code time_slice}).
 */
final class SchedRtEntity {

    /** The next task of the same priority in the CPU's FIFO, {@code null} at the tail. */
    Task next;
    /** The previous task of the same priority, {@code null} at the head. */
    Task prev;
    /** {@code rt.time_slice}: what is left of the SCHED_RR slice, ns; refilled to {@code RR_TIMESLICE}. */
    long timeSlice;
}
