package kernellab.core.sched;

/**
 * What a task does when it needs something to do: a synthetic workload (CPU-bound, I/O-bound,
 * periodic…) that runs without a Java thread. The scheduler calls {@link #next} when the task
 * is running on a CPU and has finished its previous action; the behaviour then calls exactly
 * one of the {@link TaskActions} methods. Workload code written by students runs as a
 * coroutine instead and does not use this interface.
 */
@FunctionalInterface
public interface Behaviour {

    /**
     * Chooses the task's next action.
     *
     * @param task the task (running, with no CPU work left)
     * @param actions the actions available; call exactly one
     */
    void next(Task task, TaskActions actions);
}
