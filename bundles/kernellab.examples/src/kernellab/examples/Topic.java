package kernellab.examples;

import java.util.List;
import java.util.Objects;

/**
 * A topic of the course and its examples, in the order of the lectures: how the New Workload
 * Project wizard groups them.
 *
 * @param title what a student looks for, e.g. {@code "Scheduling (SCHED_WRR lab)"}
 * @param summary one sentence: what the topic's examples are
 * @param examples its examples, in the order of the lecture
 */
public record Topic(String title, String summary, List<Example> examples) {

    /** Checks that every part is given and keeps an unmodifiable copy of the examples. */
    public Topic {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        examples = List.copyOf(examples);
    }
}
