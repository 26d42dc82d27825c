package kernellab.core.mm;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import kernellab.core.sched.Task;
import kernellab.core.sched.TaskLifecycleListener;

/**
 * Connects the scheduler's task life cycle to the kernel's own slab caches
 * ({@link KernelCaches}): fork allocates a task_struct, a kernel stack, a pid and whatever the
 * child does not share (threads share mm, files, fs, sighand and signal; kernel threads have no
 * mm and share files and fs, like {@code kernel_thread(fn, CLONE_FS | CLONE_FILES)}), exit drops
 * mm, files and fs, and reaping frees the rest, so /proc/slabinfo moves as workloads run.
 * The idle tasks use the static boot objects ({@code init_task}).
 */
public final class TaskMemoryHooks implements TaskLifecycleListener {

    private final KernelCaches caches;
    private final KernelCaches.TaskObjects bootTask;
    private final Map<Task, KernelCaches.TaskObjects> objects = new IdentityHashMap<>();

    /**
     * @param caches the kernel's caches
     * @param existing tasks created before the memory subsystem was connected, in creation
     *        order (idle tasks, init, kernel threads); they get their objects now, as if forked
     */
    public TaskMemoryHooks(KernelCaches caches, List<Task> existing) {
        this.caches = caches;
        this.bootTask = caches.bootTask();
        for (Task t : existing) {
            if (t.isIdleTask()) {
                objects.put(t, bootTask);
            } else {
                onFork(t.parent(), t);
            }
        }
    }

    /**
     * @param t a task
     * @return its kernel objects, or {@code null} for a task the hooks do not know (or whose fork ran out of memory)
     */
    public KernelCaches.TaskObjects objectsOf(Task t) {
        return objects.get(t);
    }

    @Override
    public void onFork(Task parent, Task child) {
        KernelCaches.TaskObjects p = parent == null ? bootTask : objects.getOrDefault(parent, bootTask);
        int flags;
        if (parent != null && child.tgid() == parent.tgid()) {
            flags = KernelCaches.PTHREAD_FLAGS;
        } else if (child.isKernelThread()) {
            flags = KernelCaches.CLONE_FS | KernelCaches.CLONE_FILES;
        } else {
            flags = 0;
        }
        KernelCaches.TaskObjects c = caches.fork(p, flags, child.isKernelThread());
        if (c != null) {
            objects.put(child, c);
        }
    }

    @Override
    public void onExit(Task task) {
        KernelCaches.TaskObjects t = objects.get(task);
        if (t != null && t != bootTask) {
            caches.exit(t);
        }
    }

    @Override
    public void onRelease(Task task) {
        KernelCaches.TaskObjects t = objects.remove(task);
        if (t != null && t != bootTask) {
            caches.release(t);
        }
    }
}
