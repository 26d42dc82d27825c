package kernellab.core.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kernellab.api.Errno;
import kernellab.api.KernelModule;
import kernellab.api.KernelOops;
import kernellab.api.LogLevel;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.printk.Taint;
import kernellab.core.sched.CoroutineBody;
import kernellab.core.sched.Scheduler;

/**
 * Loads and unloads {@link KernelModule}s ({@code insmod}, {@code rmmod}, {@code lsmod}). The
 * module's {@code init} and {@code exit} run on the calling thread in kernel context; while
 * they run, allocations are attributed to {@code <name>_init [<name>]} or
 * {@code <name>_exit [<name>]} in tracepoints and reports.
 *
 * <p>An exception thrown by the module's code is an oops: it is logged, the load fails with
 * {@code -EFAULT} (or the unload completes), and the machine goes on.
 */
public final class ModuleLoader {

    private final PhysicalMemory memory;
    private final Map<String, KernelModule> loaded = new LinkedHashMap<>();

    /**
     * @param memory the machine's memory subsystem (its log receives the modules' printk)
     */
    public ModuleLoader(PhysicalMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /**
     * {@code insmod}: runs the module's {@code init}.
     *
     * @param name the module name, e.g. {@code hello}
     * @param module the module
     * @return 0, the negative errno {@code init} returned, {@code -EEXIST} if a module of that
     *         name is loaded, or {@code -EFAULT} if {@code init} oopsed
     */
    public int insmod(String name, KernelModule module) {
        if (loaded.containsKey(name)) {
            return -Errno.EEXIST;
        }
        int ret = run(name, "init", () -> module.init(new ModuleContext(name, memory)));
        if (ret == 0) {
            loaded.put(name, module);
        }
        return ret;
    }

    /**
     * {@code rmmod}: runs the module's {@code exit} and unloads it.
     *
     * @param name the module name
     * @return 0, or {@code -ENOENT} if no such module is loaded
     */
    public int rmmod(String name) {
        KernelModule module = loaded.remove(name);
        if (module == null) {
            return -Errno.ENOENT;
        }
        run(name, "exit", () -> {
            module.exit(new ModuleContext(name, memory));
            return 0;
        });
        return 0;
    }

    /**
     * The program of an {@code insmod} task: the module is loaded inside the task's
     * {@code init_module} system call, on the task's own coroutine, so that the module's code
     * runs as kernel code in that task's context (reports name it as the current task). The task
     * exits with status 1 when the load fails, as insmod does.
     *
     * @param scheduler the machine's scheduler
     * @param name the module name
     * @param module the module
     * @return the task body
     */
    public CoroutineBody insmodProgram(Scheduler scheduler, String name, KernelModule module) {
        return self -> {
            scheduler.entry().enterSyscall(self);
            if (insmod(name, module) != 0) {
                scheduler.exit().exitGroup(self, 1);
            }
            scheduler.entry().exitSyscall(self);
        };
    }

    /**
     * The program of an {@code rmmod} task: unloads the module inside its
     * {@code delete_module} system call; exits with status 1 if no such module is loaded.
     *
     * @param scheduler the machine's scheduler
     * @param name the module name
     * @return the task body
     */
    public CoroutineBody rmmodProgram(Scheduler scheduler, String name) {
        return self -> {
            scheduler.entry().enterSyscall(self);
            if (rmmod(name) != 0) {
                scheduler.exit().exitGroup(self, 1);
            }
            scheduler.entry().exitSyscall(self);
        };
    }

    /** @return the loaded modules' names, in load order */
    public List<String> lsmod() {
        return new ArrayList<>(loaded.keySet());
    }

    private interface ModuleCall {
        int call();
    }

    private int run(String name, String phase, ModuleCall call) {
        String old = memory.setCallSite(name + "_" + phase + " [" + name + "]");
        try {
            return call.call();
        } catch (KernelOops e) {
            memory.log().printk(LogLevel.KERN_ALERT, "Modules linked in: " + name);
            return -Errno.EFAULT;
        } catch (RuntimeException e) {
            memory.log().printk(LogLevel.KERN_ALERT, String.format("Oops: %s in %s_%s [%s]", e, name, phase, name));
            memory.log().printk(LogLevel.KERN_ALERT, "Modules linked in: " + name);
            memory.taint().add(Taint.DIE);
            return -Errno.EFAULT;
        } finally {
            memory.setCallSite(old);
        }
    }
}
