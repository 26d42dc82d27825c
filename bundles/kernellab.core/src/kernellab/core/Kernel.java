package kernellab.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import kernellab.core.fs.Vfs;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.proc.ProcFs;
import kernellab.core.proc.ProcVm;
import kernellab.core.sched.LaunchAttributes;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.sim.Engine;
import kernellab.core.sim.StopReason;
import kernellab.core.task.UserSyscalls;
import kernellab.core.trace.Tracer;

/**
 * A simulated machine: the event {@link Engine}, the {@link Scheduler} with its per-CPU run
 * queues and tasks, the {@link Tracer}, and {@code /proc}. This is what the runner and the IDE
 * drive:
 *
 * <pre>{@code
 * try (Kernel k = new Kernel(MachineConfig.builder().cpus(4).seed(1).build())) {
 *     k.tracer().addListener(e -> { System.out.println(e); return false; });
 *     k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(8).build());
 *     k.run(2_000_000_000L);                       // two simulated seconds
 *     System.out.print(k.procFs().read("/proc/sched_debug"));
 * }
 * }</pre>
 *
 * All methods are meant to be called while the engine is stopped (between runs), except
 * {@link #pause()}, which may be called from any thread. Other subsystems (memory management)
 * attach to the machine through {@link #scheduler()} (task life-cycle hooks),
 * {@link #tracer()} (tracepoints), {@link #engine()} (timers) and {@link #procFs()} (files).
 */
public final class Kernel implements AutoCloseable {

    private final MachineConfig config;
    private final Engine engine;
    private final Scheduler scheduler;
    private final ProcFs procFs;
    private final MemorySubsystem memory;
    private final Vfs vfs;
    private final VirtualMemory vm;
    private final List<BiConsumer<Task, String>> outputListeners = new CopyOnWriteArrayList<>();

    /**
     * Boots a machine: idle tasks, init and (if configured) kernel threads; no workload yet.
     *
     * @param config the machine
     */
    public Kernel(MachineConfig config) {
        this.config = config;
        this.engine = new Engine(config.seed());
        this.scheduler = new Scheduler(config, engine);
        this.procFs = new ProcFs(scheduler);
        this.memory = new MemorySubsystem(config, scheduler, procFs);
        this.vfs = new Vfs(memory.physicalMemory());
        this.vm = new VirtualMemory(config.pageTableLevels(), config.aslr(), config.seed(), scheduler, memory.physicalMemory(),
                memory.kernelCaches(), memory.taskObjects(), memory.log(), vfs);
        scheduler.addLifecycleListener(vm);
        scheduler.addLifecycleListener(vfs);
        vfs.mountProc(procFs);
        ProcVm.register(procFs, vm, scheduler);
        if (config.watchdogMillis() > 0) {
            engine.setWatchdog(config.watchdogMillis(), c -> scheduler.signals().watchdogKill(c, config.watchdogMillis()));
        }
    }

    /** @return the configuration */
    public MachineConfig config() {
        return config;
    }

    /** @return the event engine (clock, timers, random generator) */
    public Engine engine() {
        return engine;
    }

    /** @return the scheduler: tasks, run queues, life-cycle hooks */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** @return the trace subsystem */
    public Tracer tracer() {
        return scheduler.tracer();
    }

    /** @return the {@code /proc} file system */
    public ProcFs procFs() {
        return procFs;
    }

    /** @return physical memory, the kernel's slab caches, the kernel log and kernel modules */
    public MemorySubsystem memory() {
        return memory;
    }

    /** @return process address spaces: mm_struct, VMAs, page tables, faults, the OOM killer */
    public VirtualMemory vm() {
        return vm;
    }

    /** @return the in-memory file system and page cache */
    public Vfs vfs() {
        return vfs;
    }

    /** The environment exec gives launched programs. */
    static final List<String> ENVIRONMENT = List.of("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/root", "LANG=C.UTF-8",
            "SHELL=/bin/sh");

    /** @return simulated time, ns */
    public long now() {
        return engine.now();
    }

    /**
     * Receives what tasks print with {@code Syscalls.print}.
     *
     * @param listener called with the task and the text
     */
    public void addOutputListener(BiConsumer<Task, String> listener) {
        outputListeners.add(listener);
    }

    /**
     * Launches tasks as children of init at the current simulated time. A task running workload
     * code is exec'ed as {@code /usr/bin/COMM} with the machine's x86_64 layout
     * ({@link VirtualMemory#exec}); synthetic behaviours get an empty address space.
     *
     * @param spec what to launch
     * @return the new tasks, in pid order
     */
    public List<Task> launch(TaskSpec spec) {
        LaunchAttributes attrs = new LaunchAttributes(spec.policy(), spec.priority(), spec.weight(), spec.nice(),
                spec.affinity(), spec.uid());
        List<Task> launched = new ArrayList<>(spec.count());
        for (int i = 0; i < spec.count(); i++) {
            if (spec.workload() != null) {
                Task t = scheduler.fork().launch(spec.comm(), spec.args(), null,
                        UserSyscalls.body(scheduler, spec.workload(), this::output), attrs);
                String path = "/usr/bin/" + t.comm();
                List<String> argv = new ArrayList<>();
                argv.add(path);
                argv.addAll(spec.args());
                vm.exec(t, path, argv, ENVIRONMENT);
                launched.add(t);
            } else {
                launched.add(scheduler.fork().launch(spec.comm(), spec.args(), spec.synthetic().newBehaviour(), null, attrs));
            }
        }
        return launched;
    }

    /**
     * Writes to a task's output as its own print would, to every output listener; for the C
     * library's messages when a call is made in the task from outside its code (glibc's
     * {@code free(): double free detected} before it aborts).
     *
     * @param task the writing task
     * @param text the text
     */
    public void output(Task task, String text) {
        for (BiConsumer<Task, String> l : outputListeners) {
            l.accept(task, text);
        }
    }

    /**
     * Runs for a simulated duration, or until stopped by a breakpoint or {@link #pause()}.
     *
     * @param durationNs how long, ns
     * @return why it stopped
     */
    public StopReason run(long durationNs) {
        return engine.run(engine.now() + durationNs);
    }

    /**
     * Runs up to an absolute simulated time.
     *
     * @param timeNs time limit, ns since boot
     * @return why it stopped
     */
    public StopReason runUntil(long timeNs) {
        return engine.run(timeNs);
    }

    /**
     * Runs until every user task has exited ({@link StopReason.Kind#CONDITION}), or the time
     * limit, or a breakpoint/pause.
     *
     * @param maxTimeNs time limit, ns since boot
     * @return why it stopped
     */
    public StopReason runUntilAllExited(long maxTimeNs) {
        if (scheduler.userTasksAlive() == 0) {
            return new StopReason(StopReason.Kind.CONDITION, engine.now(), null);
        }
        scheduler.setStopWhenAllExited(true);
        try {
            return engine.run(maxTimeNs);
        } finally {
            scheduler.setStopWhenAllExited(false);
        }
    }

    /**
     * Runs until a condition holds after an event ({@link StopReason.Kind#CONDITION}), or the
     * time limit, or a breakpoint/pause.
     *
     * @param condition checked after every event, e.g. {@code () -> task.exitTime() >= 0}
     * @param maxTimeNs time limit, ns since boot
     * @return why it stopped
     */
    public StopReason runUntil(BooleanSupplier condition, long maxTimeNs) {
        return engine.run(maxTimeNs, condition);
    }

    /**
     * Processes one event.
     *
     * @return why it stopped
     */
    public StopReason step() {
        return engine.step();
    }

    /** Asks a run in progress to stop before its next event; callable from any thread. */
    public void pause() {
        engine.pause();
    }

    /**
     * Ends the machine: kills the coroutines of tasks that have not exited, so their threads
     * end, and stops the watchdog.
     */
    @Override
    public void close() {
        for (Task t : scheduler.allTasks()) {
            scheduler.discardCoroutine(t);
        }
        engine.close();
    }
}
