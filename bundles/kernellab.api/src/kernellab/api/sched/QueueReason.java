package kernellab.api.sched;

/** Why a task is put on or taken off a CPU's queue ({@code ENQUEUE_*} / {@code DEQUEUE_*} flags). */
public enum QueueReason {
    /** Enqueue of a new task after fork ({@code wake_up_new_task}). */
    NEW,
    /** Enqueue of a task that woke up ({@code ENQUEUE_WAKEUP}). */
    WAKEUP,
    /** Dequeue of a task that goes to sleep or waits ({@code DEQUEUE_SLEEP}). */
    SLEEP,
    /** Dequeue of a task that exited. */
    EXIT,
    /**
     * The task is only moved: a migration to another CPU, a change of its policy or of its
     * attributes; it stays runnable ({@code ENQUEUE_MOVE}/{@code DEQUEUE_SAVE}).
     */
    MOVE
}
