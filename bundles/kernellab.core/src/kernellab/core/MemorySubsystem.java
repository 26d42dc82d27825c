package kernellab.core;

import java.util.List;

import kernellab.api.KernelModule;
import kernellab.core.mm.KernelCaches;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.TaskMemoryHooks;
import kernellab.core.module.ModuleLoader;
import kernellab.core.printk.KernelLog;
import kernellab.core.proc.ProcBuddyinfo;
import kernellab.core.proc.ProcFs;
import kernellab.core.proc.ProcMeminfo;
import kernellab.core.proc.ProcSlabinfo;
import kernellab.core.sched.LaunchAttributes;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;

/**
 * The kernel's memory half, owned by {@link Kernel}: the {@link PhysicalMemory} of the
 * configured size with its allocators, the kernel's own slab caches hooked to fork, exit and
 * reaping, the kernel log, kernel modules, and the files /proc/buddyinfo, /proc/meminfo and
 * /proc/slabinfo ({@code slabtop} output is {@link kernellab.core.proc.Slabtop#render} of
 * {@link PhysicalMemory#slabInfo()}).
 */
public final class MemorySubsystem {

    private final Scheduler scheduler;
    private final KernelLog log;
    private final PhysicalMemory memory;
    private final KernelCaches caches;
    private final TaskMemoryHooks hooks;
    private final ModuleLoader modules;

    /**
     * Boots the memory subsystem and connects it to the machine.
     *
     * @param config memory size and CPU count
     * @param scheduler task life-cycle hooks, tracer and current task
     * @param procFs where the files are registered
     */
    MemorySubsystem(MachineConfig config, Scheduler scheduler, ProcFs procFs) {
        this.scheduler = scheduler;
        this.log = scheduler.log();
        this.memory = new PhysicalMemory(config.memoryBytes(), config.cpus(), log);
        memory.attach(scheduler.tracer(), scheduler);
        this.caches = new KernelCaches(memory);
        this.hooks = new TaskMemoryHooks(caches, scheduler.allTasks());
        scheduler.addLifecycleListener(hooks);
        this.modules = new ModuleLoader(memory);
        procFs.register("/proc/buddyinfo", () -> ProcBuddyinfo.render(memory.freeAreas()));
        procFs.register("/proc/meminfo", () -> ProcMeminfo.render(memory.memInfo()));
        procFs.register("/proc/slabinfo", () -> ProcSlabinfo.render(memory.slabInfo()));
    }

    /** @return physical memory: buddy allocator, slab allocator and kmalloc, snapshots for the views */
    public PhysicalMemory physicalMemory() {
        return memory;
    }

    /** @return the caches of task_struct, mm_struct, vm_area_struct… */
    public KernelCaches kernelCaches() {
        return caches;
    }

    /** @return which kernel objects each task owns */
    public TaskMemoryHooks taskObjects() {
        return hooks;
    }

    /** @return the kernel log ({@code dmesg}) */
    public KernelLog log() {
        return log;
    }

    /** @return the module loader ({@code lsmod}) */
    public ModuleLoader modules() {
        return modules;
    }

    /**
     * Starts an {@code insmod} task (a child of init) that loads the module in its
     * {@code init_module} system call when it first runs.
     *
     * @param name the module name
     * @param module the module
     * @return the insmod task
     */
    public Task insmod(String name, KernelModule module) {
        return scheduler.fork().launch("insmod", List.of(name), null, modules.insmodProgram(scheduler, name, module),
                LaunchAttributes.INHERIT);
    }

    /**
     * Starts an {@code rmmod} task that unloads the module.
     *
     * @param name the module name
     * @return the rmmod task
     */
    public Task rmmod(String name) {
        return scheduler.fork().launch("rmmod", List.of(name), null, modules.rmmodProgram(scheduler, name), LaunchAttributes.INHERIT);
    }
}
