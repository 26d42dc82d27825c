package kernellab.core.fs;

import java.util.function.Consumer;
import java.util.function.Supplier;

import kernellab.core.sched.Task;

/**
 * A file system of generated text files, as procfs is: a file's text is produced by the kernel
 * when the file is read (a {@code seq_file}), never stored in the page cache. {@link Vfs} mounts
 * one at {@code /proc} and {@code /sys} ({@link #covers}).
 */
@FunctionalInterface
public interface SeqFiles {

    /**
     * @param path an absolute path
     * @return whether it names a generated kernel file: under {@code /proc} or {@code /sys}
     */
    static boolean covers(String path) {
        return path.startsWith("/proc/") || path.startsWith("/sys/");
    }

    /**
     * @param reader the task opening the file ({@code /proc/self} names its process), or
     *        {@code null} when the simulator itself reads
     * @param path absolute path, e.g. {@code /proc/self/maps}
     * @return what produces the file's text, or {@code null} if there is no such file
     */
    Supplier<String> lookup(Task reader, String path);

    /**
     * @param path absolute path of a file {@link #lookup} finds
     * @return what takes a {@code write} to the file (mode 0644, as a sysctl's
     *         {@code proc_handler}; it throws {@link kernellab.api.Errno} for a bad value), or
     *         {@code null} for a read-only file
     */
    default Consumer<String> writer(String path) {
        return null;
    }
}
