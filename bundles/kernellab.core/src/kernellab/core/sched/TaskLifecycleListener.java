package kernellab.core.sched;

/**
 * Hooks other subsystems attach to the life of tasks, like the calls {@code copy_process} and
 * {@code do_exit} make into the memory manager. Called synchronously on the simulation thread.
 */
public interface TaskLifecycleListener {

    /**
     * A task was created by fork or thread creation, before it first runs.
     *
     * @param parent the creating task
     * @param child the new task
     */
    default void onFork(Task parent, Task child) {
    }

    /**
     * A task exited (it is a zombie or, for a thread, already dead).
     *
     * @param task the task
     */
    default void onExit(Task task) {
    }

    /**
     * A task was reaped and its pid freed ({@code release_task}); its task_struct goes away.
     *
     * @param task the task
     */
    default void onRelease(Task task) {
    }
}
