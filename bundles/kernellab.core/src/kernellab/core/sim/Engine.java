package kernellab.core.sim;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import kernellab.core.trace.TraceEvent;

/**
 * The deterministic discrete-event engine: a simulated clock in nanoseconds and one queue of
 * {@link Event}s ordered by (time, sequence number), so events at the same time fire in the
 * order they were scheduled. All randomness comes from one {@link #random()} generator seeded
 * at construction. The same inputs and seed therefore always produce the same run.
 *
 * <h2>Running, pausing, stepping</h2>
 * {@link #run(long)} processes events up to a time limit and {@link #step()} processes one
 * event. Both return a {@link StopReason}; a run also stops early when {@link #pause()} is
 * called (from any thread) or when machine code calls {@link #requestStop(StopReason.Kind, TraceEvent)}
 * (e.g. a trace listener acting as an event breakpoint). A stop takes effect between two
 * events, never inside one; calling {@code run} again continues exactly where it stopped.
 *
 * <h2>Coroutines</h2>
 * Workload code runs on {@link Coroutine}s: one virtual thread per task, of which only one runs
 * at any moment. The thread that holds control (the "baton") runs the event loop; when an event
 * asks to {@link #resume(Coroutine)} a coroutine, the baton passes to that coroutine's thread,
 * which runs workload code until its next system call and then runs the event loop itself until
 * it is resumed again. A coroutine that is resumed by the loop it is running itself continues
 * without any thread switch, so a task that keeps its CPU costs no hand-off at all. Every
 * hand-off is a volatile write followed by an unpark, which orders all memory effects, so the
 * simulation needs no locks.
 *
 * <p>A watchdog (enabled with {@link #setWatchdog(long, Consumer)}) takes the baton away from a
 * coroutine that runs workload code for too long in real time without a system call, and
 * {@linkplain CodeBudget#expire expires} its thread's code budget, so that rewritten student code
 * stops at its next loop iteration or call and the thread really ends.
 */
public final class Engine {

    static final int SIGNAL_RESUME = 1;
    static final int SIGNAL_KILL = 2;
    static final int SIGNAL_STOPPED = 3;

    /** The engine whose code the calling thread runs: its event loop, a coroutine or the watchdog. */
    static final ThreadLocal<Engine> CURRENT = new ThreadLocal<>();

    private final EventQueue queue = new EventQueue();
    /** Events scheduled in non-decreasing time order (periodic ticks): a FIFO merged with the heap. */
    private Event inOrderHead;
    private Event inOrderTail;
    private int inOrderSize;
    private final SplittableRandom random;
    private long now;
    private long nextSequence;
    private long eventsProcessed;

    private volatile boolean pauseRequested;
    private StopReason requestedStop;
    private StopReason stopReason;
    private long limit;
    private long stepsLeft;
    private BooleanSupplier condition;
    private boolean running;
    private RuntimeException failure;
    private Coroutine handoff;
    private Parker controller;

    volatile Coroutine owner;
    private volatile long watchdogNanos;
    private Consumer<Coroutine> watchdogHandler;
    private Thread watchdogThread;
    private volatile boolean closed;

    /**
     * @param seed the seed of every random choice made during the simulation
     */
    public Engine(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @return the engine the calling thread works for (the thread running {@link #run}, a
     *         coroutine's thread, the watchdog), or {@code null} outside any simulation
     */
    public static Engine current() {
        return CURRENT.get();
    }

    /** @return the simulated time in nanoseconds */
    public long now() {
        return now;
    }

    /** @return the machine's random generator; use it for every random choice */
    public SplittableRandom random() {
        return random;
    }

    /** @return the number of events processed so far */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** @return the number of events waiting in the queue */
    public int pendingEvents() {
        return queue.size() + inOrderSize;
    }

    /**
     * Schedules an event, or moves it if it is already scheduled. An event scheduled for the
     * current time fires after the events already queued for that time.
     *
     * @param event the event
     * @param timeNs when it fires; not before {@link #now()}
     */
    public void schedule(Event event, long timeNs) {
        prepare(event, timeNs);
        queue.add(event);
    }

    /**
     * Schedules an event like {@link #schedule(Event, long)}, in O(1) when events scheduled this
     * way come in non-decreasing time order, as periodic timer ticks do (otherwise it falls back
     * to the heap). The firing order is the same as with {@code schedule}.
     *
     * @param event the event
     * @param timeNs when it fires; not before {@link #now()}
     */
    public void scheduleInOrder(Event event, long timeNs) {
        prepare(event, timeNs);
        if (inOrderTail != null && timeNs < inOrderTail.time) {
            queue.add(event);
            return;
        }
        event.heapIndex = Event.IN_ORDER_LIST;
        event.prev = inOrderTail;
        event.next = null;
        if (inOrderTail == null) {
            inOrderHead = event;
        } else {
            inOrderTail.next = event;
        }
        inOrderTail = event;
        inOrderSize++;
    }

    private void prepare(Event event, long timeNs) {
        if (timeNs < now) {
            throw new IllegalArgumentException("event in the past: " + timeNs + " < " + now);
        }
        cancel(event);
        event.time = timeNs;
        event.sequence = nextSequence++;
    }

    /**
     * Removes an event from the queue if it is scheduled.
     *
     * @param event the event
     */
    public void cancel(Event event) {
        if (event.heapIndex >= 0) {
            queue.remove(event);
        } else if (event.heapIndex == Event.IN_ORDER_LIST) {
            if (event.prev == null) {
                inOrderHead = event.next;
            } else {
                event.prev.next = event.next;
            }
            if (event.next == null) {
                inOrderTail = event.prev;
            } else {
                event.next.prev = event.prev;
            }
            event.next = null;
            event.prev = null;
            event.heapIndex = -1;
            inOrderSize--;
        }
    }

    /**
     * Processes events until the next one is later than {@code untilNs} (then the clock is set
     * to {@code untilNs}), or the engine is stopped or paused, or no event is left. An exception
     * thrown by event code (a simulator bug) ends the run and is rethrown here, wrapped in an
     * {@link IllegalStateException}, whichever thread was running the event loop.
     *
     * @param untilNs time limit (inclusive)
     * @return why the run ended
     */
    public StopReason run(long untilNs) {
        return drive(untilNs, Long.MAX_VALUE, null);
    }

    /**
     * Like {@link #run(long)}, and also stops ({@link StopReason.Kind#CONDITION}) after the first
     * event following which {@code condition} holds.
     *
     * @param untilNs time limit (inclusive)
     * @param condition checked after every event, on the simulation thread
     * @return why the run ended
     */
    public StopReason run(long untilNs, BooleanSupplier condition) {
        return drive(untilNs, Long.MAX_VALUE, Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Processes exactly one event (plus the workload code it resumes), unless a stop is pending.
     *
     * @return {@link StopReason.Kind#STEPPED} normally
     */
    public StopReason step() {
        return drive(Long.MAX_VALUE, 1, null);
    }

    /**
     * Asks a running {@link #run(long)} to stop before the next event. Any thread may call it;
     * it also makes the next run return at once if no run is in progress.
     */
    public void pause() {
        pauseRequested = true;
    }

    /**
     * Asks the engine to stop once the current event (or system call) is complete; for code
     * running inside the simulation, such as trace listeners. The first request wins.
     *
     * @param kind why
     * @param event the trace event that asked for the stop, or {@code null}
     */
    public void requestStop(StopReason.Kind kind, TraceEvent event) {
        if (requestedStop == null) {
            requestedStop = new StopReason(kind, now, event);
        }
    }

    /** @return whether a stop has been requested and not yet taken */
    public boolean stopRequested() {
        return requestedStop != null || pauseRequested;
    }

    /**
     * Creates a coroutine whose body runs on a new virtual thread once it is first resumed.
     *
     * @param name thread name (for debuggers and stack traces)
     * @param body the code; it must end by calling {@link Coroutine#finish()}
     * @return the coroutine
     */
    public Coroutine newCoroutine(String name, Runnable body) {
        return new Coroutine(this, name, body);
    }

    /**
     * Hands control to a coroutine once the current event is complete. Called by event code.
     *
     * @param coroutine the coroutine to run
     */
    public void resume(Coroutine coroutine) {
        if (handoff != null && handoff != coroutine) {
            throw new IllegalStateException("two coroutines resumed by one event");
        }
        handoff = coroutine;
    }

    /**
     * Enables the watchdog: a coroutine that runs longer than {@code millis} of real time without
     * entering the kernel loses control; {@code handler} is then called on the watchdog's thread,
     * with control, to kill the task, and the simulation goes on.
     *
     * @param millis real-time limit; 0 disables the watchdog
     * @param handler kills the runaway task
     */
    public void setWatchdog(long millis, Consumer<Coroutine> handler) {
        this.watchdogNanos = millis * 1_000_000L;
        this.watchdogHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Stops the watchdog thread. The engine cannot run afterwards. */
    public void close() {
        closed = true;
        Thread w = watchdogThread;
        if (w != null) {
            w.interrupt();
        }
    }

    private StopReason drive(long untilNs, long steps, BooleanSupplier stopCondition) {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        if (running) {
            throw new IllegalStateException("the engine is already running (run() called from inside the simulation)");
        }
        running = true;
        try {
            return runLoop(untilNs, steps, stopCondition);
        } finally {
            running = false;
        }
    }

    private StopReason runLoop(long untilNs, long steps, BooleanSupplier stopCondition) {
        limit = untilNs;
        stepsLeft = steps;
        condition = stopCondition;
        stopReason = null;
        controller = new Parker(Thread.currentThread());
        Engine outer = CURRENT.get();
        CURRENT.set(this);
        try {
            Coroutine next = loop();
            if (next != null) {
                transfer(next);
                controller.await();
            }
        } finally {
            CURRENT.set(outer);
        }
        controller = null;
        if (failure != null) {
            RuntimeException f = failure;
            failure = null;
            throw f;
        }
        return stopReason;
    }

    /**
     * The event loop, run by whichever thread holds control.
     *
     * @return the coroutine to hand control to, or {@code null} if the engine stopped
     */
    Coroutine loop() {
        for (;;) {
            if (pauseRequested) {
                pauseRequested = false;
                return stop(new StopReason(StopReason.Kind.PAUSED, now, null));
            }
            if (requestedStop != null) {
                StopReason r = requestedStop;
                requestedStop = null;
                return stop(r);
            }
            if (handoff != null) {
                Coroutine c = handoff;
                handoff = null;
                if (!c.isKilled()) {
                    return c;
                }
            }
            Event e = queue.peek();
            Event f = inOrderHead;
            if (f != null && (e == null || f.time < e.time || f.time == e.time && f.sequence < e.sequence)) {
                e = f;
            }
            if (e == null) {
                return stop(new StopReason(StopReason.Kind.NO_EVENTS, now, null));
            }
            if (e.time > limit) {
                now = Math.max(now, limit);
                return stop(new StopReason(StopReason.Kind.TIME_LIMIT, now, null));
            }
            if (stepsLeft == 0) {
                return stop(new StopReason(StopReason.Kind.STEPPED, now, null));
            }
            stepsLeft--;
            cancel(e);
            now = e.time;
            eventsProcessed++;
            try {
                e.fire();
            } catch (RuntimeException | AssertionError x) {
                failure = new IllegalStateException("simulation failed at " + now + " ns in " + e, x);
                return stop(new StopReason(StopReason.Kind.PAUSED, now, null));
            }
            if (condition != null && condition.getAsBoolean()) {
                requestStop(StopReason.Kind.CONDITION, null);
            }
        }
    }

    private Coroutine stop(StopReason reason) {
        stopReason = reason;
        return null;
    }

    /** Passes control on after the loop returned: to a coroutine, or back to the caller of run(). */
    void passOn(Coroutine next) {
        if (next == null) {
            owner = null;
            controller.signal(SIGNAL_STOPPED);
        } else {
            transfer(next);
        }
    }

    private void transfer(Coroutine c) {
        owner = c;
        if (c.thread.getState() == Thread.State.NEW) {
            startWatchdog();
            c.thread.start();
        } else {
            c.signal(SIGNAL_RESUME);
        }
    }

    private synchronized void startWatchdog() {
        if (watchdogThread != null || watchdogNanos == 0) {
            return;
        }
        watchdogThread = Thread.ofPlatform().daemon().name("kernellab-watchdog").start(this::watch);
    }

    private void watch() {
        CURRENT.set(this);
        while (!closed) {
            long limitNanos = watchdogNanos;
            try {
                Thread.sleep(Math.max(1, Math.min(50, limitNanos / 4_000_000L)));
            } catch (InterruptedException e) {
                return;
            }
            Coroutine c = owner;
            if (c != null && limitNanos > 0 && c.overran(limitNanos)) {
                owner = null;
                CodeBudget.expire(c.thread, c.userNanos());
                c.thread.interrupt();
                watchdogHandler.accept(c);
                passOn(loop());
            }
        }
    }

    /** A thread waiting for control, with the signal that woke it. */
    static class Parker {
        final Thread thread;
        private volatile int signal;

        Parker(Thread thread) {
            this.thread = thread;
        }

        void signal(int s) {
            signal = s;
            LockSupport.unpark(thread);
        }

        int await() {
            int s;
            while ((s = signal) == 0) {
                LockSupport.park(this);
            }
            signal = 0;
            return s;
        }
    }
}
