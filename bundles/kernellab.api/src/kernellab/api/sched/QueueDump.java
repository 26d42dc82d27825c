package kernellab.api.sched;

import java.util.List;
import java.util.Objects;

/**
 * What a class shows of one CPU's queue ({@link SchedClassOps#dump}): its tasks in the order it
 * would pick them, and figures of its own. {@code /proc/sched_debug}, the IDE's Run Queues and
 * Variables views and the protocol's run-queue snapshots show it next to the kernel's own
 * figures of the class ({@code nr_running}, {@code total_weight}).
 *
 * @param tasks the queued tasks of the CPU in pick order, the running one included if it is queued
 * @param figures the class's own figures, shown in this order
 */
public record QueueDump(List<SchedTask> tasks, List<Figure> figures) {

    /**
     * One named number, e.g. a virtual clock or a counter of the class.
     *
     * @param name a name in the kernel's style, e.g. {@code "min_vruntime"}
     * @param value its value
     */
    public record Figure(String name, long value) {

        /** Checks the name. */
        public Figure {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Copies the lists. */
    public QueueDump {
        tasks = List.copyOf(tasks);
        figures = List.copyOf(figures);
    }

    /**
     * @param tasks the queued tasks in pick order
     * @param figures the class's own figures
     * @return the dump
     */
    public static QueueDump of(List<SchedTask> tasks, Figure... figures) {
        return new QueueDump(tasks, List.of(figures));
    }
}
