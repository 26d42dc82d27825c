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
 */
public record Example(String title, Class<?> type, String summary) {

    /** Checks that every part is given. */
    public Example {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
    }

    /** @return whether it is loaded as a kernel module (insmod) rather than run as a process */
    public boolean isKernelModule() {
        return KernelModule.class.isAssignableFrom(type);
    }
}
