package kernellab.core.task;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.SplittableRandom;

import kernellab.api.Syscalls;
import kernellab.core.sim.Engine;

/**
 * What calls that would escape the simulated machine become in student code: the class loader
 * of student classes rewrites each call of the JDK named in a method's Javadoc into a call of
 * that method. Process exit becomes the task's {@code exit_group}; wall-clock time becomes the
 * simulated clock ({@code CLOCK_REALTIME}, which starts at boot: the epoch, in UTC) and unseeded
 * randomness the machine's seeded generator, so a replay with the same seed is exact. Outside a
 * simulation (no {@link Engine#current()}) time and randomness are the real ones.
 */
public final class StudentCalls {

    private StudentCalls() {
    }

    /**
     * {@code System.exit(status)}: {@code exit_group(status)} of the calling task; the
     * simulation goes on.
     *
     * @param status the exit status
     * @throws IllegalStateException if the caller is not a simulated task (e.g. a scheduling-class hook)
     */
    public static void exit(int status) {
        Syscalls sys = UserSyscalls.current();
        if (sys == null) {
            throw new IllegalStateException("System.exit(" + status + ") is not allowed here: only a task's workload code"
                    + " can exit, with Syscalls.exit");
        }
        sys.exit(status);
    }

    /**
     * {@code Runtime.exit(status)} and {@code Runtime.halt(status)}: as {@link #exit(int)}.
     *
     * @param runtime the receiver, unused
     * @param status the exit status
     */
    public static void exit(Runtime runtime, int status) {
        exit(status);
    }

    /** @return {@code System.currentTimeMillis()}: the simulated wall clock in milliseconds */
    public static long currentTimeMillis() {
        Engine e = Engine.current();
        return e == null ? System.currentTimeMillis() : e.now() / 1_000_000L;
    }

    /** @return {@code System.nanoTime()}: the simulated monotonic clock in nanoseconds */
    public static long nanoTime() {
        Engine e = Engine.current();
        return e == null ? System.nanoTime() : e.now();
    }

    /**
     * @return for {@code Clock.systemUTC()}, {@code Clock.systemDefaultZone()} and the no-argument
     *         {@code now()} of {@code java.time} ({@code Instant.now()} becomes
     *         {@code Instant.now(StudentCalls.clock())}): the simulated wall clock in UTC
     */
    public static Clock clock() {
        return Engine.current() == null ? Clock.systemUTC() : SimulatedClock.UTC;
    }

    /**
     * @param zone the zone asked for
     * @return for {@code Clock.system(zone)} and {@code now(zone)} of {@code java.time}: the
     *         simulated wall clock in that zone
     */
    public static Clock clock(ZoneId zone) {
        return clock().withZone(zone);
    }

    /** @return {@code Math.random()}: the next double of the machine's generator */
    public static double random() {
        SplittableRandom r = machineRandom();
        return r == null ? Math.random() : r.nextDouble();
    }

    /**
     * @return for {@code new Random()}: a seed drawn from the machine's generator (the
     *         constructor becomes {@code new Random(seed)})
     */
    public static long randomSeed() {
        SplittableRandom r = machineRandom();
        return r == null ? new Random().nextLong() : r.nextLong();
    }

    /**
     * @return for {@code ThreadLocalRandom.current()} and {@code Collections.shuffle(list)}: a
     *         {@link Random} seeded from the machine's generator
     */
    public static Random newRandom() {
        return new Random(randomSeed());
    }

    private static SplittableRandom machineRandom() {
        Engine e = Engine.current();
        return e == null ? null : e.random();
    }

    /** The simulated wall clock of the calling thread's engine. */
    private static final class SimulatedClock extends Clock {
        static final SimulatedClock UTC = new SimulatedClock(ZoneOffset.UTC);

        private final ZoneId zone;

        private SimulatedClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new SimulatedClock(z);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, nanoTime());
        }
    }
}
