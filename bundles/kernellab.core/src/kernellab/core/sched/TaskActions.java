package kernellab.core.sched;

import java.util.SplittableRandom;

/** The actions a {@link Behaviour} may choose for its task. */
public interface TaskActions {

    /** Runs on the CPU forever (until preempted, then again when picked). */
    long FOREVER = Long.MAX_VALUE;

    /**
     * Uses CPU for a while.
     *
     * @param ns CPU time in nanoseconds, or {@link #FOREVER}
     */
    void compute(long ns);

    /**
     * Sleeps interruptibly (state S), like nanosleep.
     *
     * @param ns duration
     */
    void sleep(long ns);

    /**
     * Sleeps interruptibly until an absolute simulated time, like
     * {@code clock_nanosleep(TIMER_ABSTIME)}.
     *
     * @param timeNs wake-up time; if not in the future the task goes on at once
     */
    void sleepUntil(long timeNs);

    /**
     * Blocks in I/O (state D).
     *
     * @param ns duration
     */
    void io(long ns);

    /** @return the machine's seeded random generator, for behaviours with random durations */
    SplittableRandom random();

    /**
     * Terminates the task.
     *
     * @param status exit status
     */
    void exit(int status);
}
