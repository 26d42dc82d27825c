package kernellab.examples;

import java.util.Objects;

import kernellab.api.KernelModule;

/**
 * One example of the course: what the New Workload Project wizard offers and the help pages
 * list.
 *
 * @param title a short title, e.g. {@code "Prime factorizer at weights 1–20"}
 * @param type the class: a {@link kernellab.api.Workload} or a {@link kernellab.api.KernelModule},
 *        with a public no-argument constructor
 * @param summary one sentence: what the student observes
 * @param arguments what the program's arguments ({@code --arg} on the command line) mean and
 *        their defaults, e.g. {@code "weights from 1 to 20 (default 1 5 10 20)"}; empty if it
 *        takes none
 */
public record Example(String title, Class<?> type, String summary, String arguments) {

    /** Checks that every part is given. */
    public Example {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(arguments, "arguments");
    }

    /**
     * An example that takes no arguments.
     *
     * @param title a short title
     * @param type the workload or kernel module class
     * @param summary one sentence: what the student observes
     */
    public Example(String title, Class<?> type, String summary) {
        this(title, type, summary, "");
    }

    /** @return whether it is loaded as a kernel module (insmod) rather than run as a process */
    public boolean isKernelModule() {
        return KernelModule.class.isAssignableFrom(type);
    }
}
