package kernellab.core.sim;

/**
 * Something that happens at a simulated time: a timer tick, the end of a burst of CPU work,
 * a wake-up. Events are reusable objects (a CPU's tick is one event scheduled again and
 * again), so the hot path allocates nothing. An event is in the {@link Engine}'s queue at
 * most once; scheduling it again moves it.
 */
public abstract class Event {

    /** {@link #heapIndex} of an event in the engine's in-order list instead of the heap. */
    static final int IN_ORDER_LIST = -2;

    long time;
    long sequence;
    int heapIndex = -1;
    Event next;
    Event prev;

    /** Creates an unscheduled event. */
    protected Event() {
    }

    /** Runs the event; called by the engine with the clock set to the event's time. */
    protected abstract void fire();

    /** @return whether the event is in the queue */
    public final boolean isScheduled() {
        return heapIndex != -1;
    }

    /** @return the time the event is (or was last) scheduled for, in ns */
    public final long time() {
        return time;
    }
}
