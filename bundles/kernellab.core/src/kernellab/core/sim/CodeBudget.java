package kernellab.core.sim;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The runtime side of a real-time budget for student code on the current thread. A Java thread
 * cannot be killed, so student classes are rewritten at load time to call {@link #check()} at
 * every method entry and before every backward branch; when the calling thread's budget is
 * spent, {@code check} throws {@link BudgetExceeded} into the student's frame and the code really
 * stops. The rewriter also makes every {@code catch} of {@code Throwable} or {@code Error} (and
 * every {@code finally}) in student code begin with {@link #rethrowIfSpent(Throwable)}, so the
 * error cannot be swallowed.
 *
 * <p>A budget is spent when an {@linkplain #arm(long) armed} limit has passed (the kernel arms one
 * around each call into a student's scheduling-class hook, as sched_ext's watchdog bounds a BPF
 * scheduler's callbacks), or when another thread {@linkplain #expire(Thread, long) expired} it (the
 * {@link Engine}'s watchdog, for a coroutine that ran too long without a system call). A spent
 * budget stays spent until {@link #disarm()}, so a loop in a {@code finally} block stops too.
 *
 * <p>{@code check} is cheap: it counts calls in a static counter (racy on purpose; a lost
 * increment only delays a check) and looks at the thread's state only every {@value #PERIOD}
 * calls.
 */
public final class CodeBudget {

    /** Calls of {@link #check()} between two looks at the thread's state; a power of two. */
    static final int PERIOD = 1024;
    private static final long NOT_ARMED = Long.MAX_VALUE;

    private static int calls;
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(CodeBudget::register);
    /** Every thread's state, for {@link #expire}; weak, so ended threads leave it. */
    private static final Map<Thread, State> STATES = Collections.synchronizedMap(new WeakHashMap<>());

    private CodeBudget() {
    }

    /**
     * Marks a class loader whose classes are rewritten to call {@link #check()}: only their code
     * can be stopped by a budget, so the kernel arms one only around calls into them.
     */
    public interface CheckedLoader {
    }

    /**
     * @param c a class about to be called
     * @return whether {@code c} was loaded by a {@link CheckedLoader}, so that an armed budget can
     *         stop it; trusted code (the JDK, the simulator, its built-in classes) never checks
     */
    public static boolean stops(Class<?> c) {
        return c.getClassLoader() instanceof CheckedLoader;
    }

    /** One thread's budget. */
    private static final class State {
        long armedAt;
        long deadline = NOT_ARMED;
        volatile long expiredAfterNanos = -1;
    }

    private static State register() {
        return STATES.computeIfAbsent(Thread.currentThread(), t -> new State());
    }

    /**
     * Called by rewritten student code at every method entry and backward branch.
     *
     * @throws BudgetExceeded if the calling thread's budget is spent
     */
    public static void check() {
        if ((++calls & (PERIOD - 1)) == 0) {
            checkNow();
        }
    }

    private static void checkNow() {
        State s = STATE.get();
        long expired = s.expiredAfterNanos;
        if (expired >= 0) {
            throw new BudgetExceeded("stopped by the watchdog: ran " + expired / 1_000_000L
                    + " ms of real time without a system call");
        }
        if (s.deadline != NOT_ARMED) {
            long now = System.nanoTime();
            if (now - s.deadline >= 0) {
                throw new BudgetExceeded("stopped: ran " + (now - s.armedAt) / 1_000_000L
                        + " ms of real time, more than its budget of " + (s.deadline - s.armedAt) / 1_000_000L + " ms");
            }
        }
    }

    /**
     * Arms a budget for the calling thread: its student code stops at a {@link #check()} once
     * {@code limitNanos} of real time have passed. Budgets do not nest.
     *
     * @param limitNanos the budget, positive
     */
    public static void arm(long limitNanos) {
        if (limitNanos <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + limitNanos);
        }
        State s = STATE.get();
        s.armedAt = System.nanoTime();
        s.deadline = s.armedAt + limitNanos;
    }

    /** Removes the calling thread's armed budget (an expiry by {@link #expire} stays). */
    public static void disarm() {
        STATE.get().deadline = NOT_ARMED;
    }

    /**
     * Spends a thread's budget for good: its next {@link #check()}es throw. Any thread may call
     * it; the engine's watchdog does for a runaway coroutine.
     *
     * @param t the thread running student code
     * @param ranNanos how long the code ran, for the message
     */
    public static void expire(Thread t, long ranNanos) {
        STATES.computeIfAbsent(t, x -> new State()).expiredAfterNanos = Math.max(0, ranNanos);
    }

    /**
     * Called by rewritten student code at the start of each handler that catches
     * {@code Throwable}, {@code Error} or anything ({@code finally}): rethrows what must end the
     * student's code, a {@link BudgetExceeded} or a {@link Coroutine.Killed}.
     *
     * @param t the caught throwable
     */
    public static void rethrowIfSpent(Throwable t) {
        if (t instanceof BudgetExceeded || t instanceof Coroutine.Killed) {
            throw (Error) t;
        }
    }

    /**
     * Thrown into student code whose budget is spent. Its stack trace begins at the student's
     * frame where it stopped.
     */
    public static final class BudgetExceeded extends Error {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(String message) {
            super(message);
            StackTraceElement[] st = getStackTrace();
            int i = 0;
            while (i < st.length && st[i].getClassName().equals(CodeBudget.class.getName())) {
                i++;
            }
            setStackTrace(Arrays.copyOfRange(st, i, st.length));
        }
    }
}
