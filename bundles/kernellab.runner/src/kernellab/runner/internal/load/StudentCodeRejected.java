package kernellab.runner.internal.load;

import java.util.List;

/**
 * A student class that the {@link StudentClassLoader} refuses to load because it would escape the
 * simulated machine: one line per offending call, naming the frame
 * ({@code demo.Spawner.run(Spawner.java:12)}), the call and what to use instead. It is a
 * {@link LinkageError}, as the class cannot be linked, so it also ends a task that loads such a
 * class lazily.
 */
public final class StudentCodeRejected extends LinkageError {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    StudentCodeRejected(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per refused call, in the order of the class file */
    public List<String> problems() {
        return problems;
    }
}
