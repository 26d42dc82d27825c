package kernellab.runner.protocol;

import java.util.List;

/**
 * One scheduling class's part of a CPU's run queue: the built-in {@code rt} and {@code cfs}
 * queues and the queue of the class of policy 7 (the lab's {@code wrr}, or a student's class,
 * under its own name) all come in this one shape, so the IDE shows every class alike.
 *
 * @param name the class's queue name, e.g. {@code rt}, {@code wrr}, {@code cfs}
 * @param nrRunning its runnable tasks on the CPU, the running one included
 * @param figures its own numbers in display order ({@code total_weight} for the class of
 *        policy 7, {@code rt_throttled} and {@code rt_time} for RT, {@code load.weight} and
 *        {@code min_vruntime} for CFS)
 * @param tasks its tasks in the order it picks them, the running one included
 */
public record ClassQueueInfo(String name, int nrRunning, List<Figure> figures, List<TaskInfo> tasks) {

    /**
     * A named number of a class's queue.
     *
     * @param name the kernel's name for it
     * @param value its value
     */
    public record Figure(String name, long value) {
    }

    /**
     * @param figureName a figure's name
     * @return its value, or 0 if the queue has no such figure
     */
    public long figure(String figureName) {
        for (Figure f : figures) {
            if (f.name().equals(figureName)) {
                return f.value();
            }
        }
        return 0;
    }
}
