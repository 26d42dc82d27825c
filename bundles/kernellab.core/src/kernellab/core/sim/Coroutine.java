package kernellab.core.sim;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A strand of workload code scheduled by the {@link Engine}: a virtual thread that runs only
 * while it holds control. The kernel creates one per task that runs Java workload code.
 *
 * <p>The thread alternates between <em>user mode</em> (workload code running, the engine
 * waiting) and <em>kernel mode</em> (a system call). A system call begins with
 * {@link #enterKernel()}; one that must wait for simulated time to pass calls
 * {@link #suspend()}, which runs the event loop on this thread until an event resumes this
 * coroutine; the body ends with {@link #finish()}.
 */
public final class Coroutine extends Engine.Parker {

    private final Engine engine;
    /** Even: kernel mode; odd: user mode. Incremented on every transition, so the watchdog can tell epochs apart. */
    private final AtomicLong mode = new AtomicLong();
    private volatile long userSince;
    private volatile boolean killed;

    Coroutine(Engine engine, String name, Runnable body) {
        super(Thread.ofVirtual().name(name).unstarted(() -> {
            Engine.CURRENT.set(engine);
            body.run();
        }));
        this.engine = engine;
    }

    /** @return whether the calling thread is this coroutine's thread */
    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** @return the virtual thread running the workload code */
    public Thread thread() {
        return thread;
    }

    /**
     * Marks the start of user mode; called on the coroutine's thread when its body begins and
     * whenever a system call returns to workload code.
     */
    public void enterUser() {
        userSince = System.nanoTime();
        mode.incrementAndGet();
        engine.owner = this;
    }

    /**
     * Enters kernel mode at the start of a system call.
     *
     * @return {@code false} if this coroutine no longer holds control (it was killed, e.g. by
     *         the watchdog, or it has exited): the caller must not touch the machine
     */
    public boolean enterKernel() {
        long v = mode.get();
        return (v & 1) == 1 && !killed && mode.compareAndSet(v, v + 1);
    }

    /**
     * Gives control away until an event {@link Engine#resume(Coroutine) resumes} this coroutine;
     * runs the event loop on this thread in the meantime. Called in kernel mode; returns in user
     * mode.
     *
     * @throws Killed if the coroutine was killed while waiting
     */
    public void suspend() {
        Coroutine next = engine.loop();
        if (next != this) {
            engine.passOn(next);
            if (await() == Engine.SIGNAL_KILL) {
                throw new Killed();
            }
        }
        enterUser();
    }

    /** Ends the coroutine: runs the event loop until control can be passed on. Called last, in kernel mode. */
    public void finish() {
        killed = true;
        engine.passOn(engine.loop());
    }

    /**
     * Kills the coroutine from the code that holds control: it will never be resumed, and if its
     * thread is waiting it wakes up and unwinds with {@link Killed} without touching the machine.
     */
    public void kill() {
        killed = true;
        if (thread.getState() != Thread.State.NEW) {
            signal(Engine.SIGNAL_KILL);
        }
    }

    /** @return whether the coroutine was killed or finished */
    public boolean isKilled() {
        return killed;
    }

    /** @return real time since the coroutine last entered user mode */
    long userNanos() {
        return System.nanoTime() - userSince;
    }

    boolean overran(long limitNanos) {
        long v = mode.get();
        if ((v & 1) == 0 || System.nanoTime() - userSince < limitNanos) {
            return false;
        }
        if (mode.compareAndSet(v, v + 1)) {
            killed = true;
            return true;
        }
        return false;
    }

    /** Unwinds a killed coroutine's thread; workload code should not catch it. */
    public static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        /** Creates the marker without a stack trace (it is not an error to report). */
        public Killed() {
            super("task killed", null, false, false);
        }
    }
}
