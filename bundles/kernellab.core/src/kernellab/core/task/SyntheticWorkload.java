package kernellab.core.task;

import kernellab.core.sched.Behaviour;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskActions;

/**
 * Built-in workloads that run without a Java thread: the fast path for large experiments and
 * benchmarks. Each launched task gets its own {@link Behaviour} from {@link #newBehaviour()}.
 *
 * @param kind what the tasks do
 * @param burstNs CPU burst (CPU_BOUND: total CPU time, 0 = forever)
 * @param waitNs I/O time (IO_BOUND) or period (PERIODIC)
 * @param rounds bursts before exiting, 0 = forever (IO_BOUND, PERIODIC)
 */
public record SyntheticWorkload(Kind kind, long burstNs, long waitNs, long rounds) {

    /** The kinds of synthetic behaviour. */
    public enum Kind {
        /** Uses the CPU all the time (for {@code burstNs} of CPU, or forever if 0), then exits. */
        CPU_BOUND,
        /** Alternates a CPU burst with blocking I/O (state D) of {@code waitNs}. */
        IO_BOUND,
        /**
         * Like IO_BOUND with exponentially distributed bursts and I/O waits of means
         * {@code burstNs} and {@code waitNs}, drawn from the machine's seeded generator.
         */
        RANDOM_IO,
        /** Every {@code waitNs} (the period, from its start) computes {@code burstNs}, then sleeps until the next period. */
        PERIODIC
    }

    /** Validates the parameters. */
    public SyntheticWorkload {
        if (burstNs < 0 || waitNs < 0 || rounds < 0) {
            throw new IllegalArgumentException("negative parameter");
        }
        if (kind != Kind.CPU_BOUND && burstNs == 0) {
            throw new IllegalArgumentException(kind + " needs a CPU burst");
        }
        if (kind == Kind.PERIODIC && waitNs == 0) {
            throw new IllegalArgumentException("PERIODIC needs a period");
        }
    }

    /** @return a task that computes forever */
    public static SyntheticWorkload cpuBound() {
        return new SyntheticWorkload(Kind.CPU_BOUND, 0, 0, 0);
    }

    /**
     * @param totalNs CPU time to use before exiting
     * @return a CPU-bound task that exits when done
     */
    public static SyntheticWorkload cpuBound(long totalNs) {
        return new SyntheticWorkload(Kind.CPU_BOUND, totalNs, 0, 0);
    }

    /**
     * @param burstNs CPU burst
     * @param ioNs blocking I/O after each burst
     * @param rounds bursts before exiting, 0 = forever
     * @return an I/O-bound task
     */
    public static SyntheticWorkload ioBound(long burstNs, long ioNs, long rounds) {
        return new SyntheticWorkload(Kind.IO_BOUND, burstNs, ioNs, rounds);
    }

    /**
     * @param meanBurstNs mean CPU burst
     * @param meanIoNs mean I/O wait
     * @param rounds bursts before exiting, 0 = forever
     * @return an I/O-bound task with random (exponential) durations
     */
    public static SyntheticWorkload randomIo(long meanBurstNs, long meanIoNs, long rounds) {
        return new SyntheticWorkload(Kind.RANDOM_IO, meanBurstNs, meanIoNs, rounds);
    }

    private static long exponential(TaskActions actions, long mean) {
        return 1 + (long) (-Math.log(1 - actions.random().nextDouble()) * mean);
    }

    /**
     * @param periodNs period
     * @param workNs CPU time per period
     * @param rounds periods before exiting, 0 = forever
     * @return a periodic task
     */
    public static SyntheticWorkload periodic(long periodNs, long workNs, long rounds) {
        return new SyntheticWorkload(Kind.PERIODIC, workNs, periodNs, rounds);
    }

    /** @return a fresh behaviour for one task */
    public Behaviour newBehaviour() {
        return switch (kind) {
            case CPU_BOUND -> new Behaviour() {
                private boolean done;

                @Override
                public void next(Task task, TaskActions actions) {
                    if (done) {
                        actions.exit(0);
                    } else {
                        done = true;
                        actions.compute(burstNs == 0 ? TaskActions.FOREVER : burstNs);
                    }
                }
            };
            case IO_BOUND, RANDOM_IO -> new Behaviour() {
                private long bursts;
                private boolean computing;

                @Override
                public void next(Task task, TaskActions actions) {
                    boolean random = kind == Kind.RANDOM_IO;
                    if (computing) {
                        computing = false;
                        actions.io(random ? exponential(actions, waitNs) : waitNs);
                    } else if (rounds != 0 && bursts == rounds) {
                        actions.exit(0);
                    } else {
                        bursts++;
                        computing = true;
                        actions.compute(random ? exponential(actions, burstNs) : burstNs);
                    }
                }
            };
            case PERIODIC -> new Behaviour() {
                private long periods;
                private long periodStart = -1;
                private boolean computing;

                @Override
                public void next(Task task, TaskActions actions) {
                    if (computing) {
                        computing = false;
                        actions.sleepUntil(periodStart + waitNs);
                    } else if (rounds != 0 && periods == rounds) {
                        actions.exit(0);
                    } else {
                        periodStart = periodStart < 0 ? task.startTime() : periodStart + waitNs;
                        periods++;
                        computing = true;
                        actions.compute(burstNs);
                    }
                }
            };
        };
    }
}
