package kernellab.core.sched;

import java.util.List;

/**
 * One scheduling class's part of a CPU's run queue, as data: its name, how many tasks it has
 * queued, its figures and its tasks in pick order. Run-queue snapshots, {@code /proc/sched_debug}
 * and the IDE take a list of these, one per class, so a student's class shows like a built-in one.
 *
 * @param name the class's queue name: {@code rt}, {@code cfs} or the name of the class of policy 7
 * @param nrRunning its runnable tasks on the CPU, the running one included
 * @param figures its own numbers in display order, e.g. {@code total_weight}
 * @param tasks its queued tasks in the order it picks them
 */
public record ClassQueue(String name, int nrRunning, List<Figure> figures, List<Task> tasks) {

    /**
     * A named number of a class's queue.
     *
     * @param name the kernel's name for it, e.g. {@code min_vruntime}
     * @param value its value
     */
    public record Figure(String name, long value) {
    }

    /** Copies the lists. */
    public ClassQueue {
        figures = List.copyOf(figures);
        tasks = List.copyOf(tasks);
    }
}
