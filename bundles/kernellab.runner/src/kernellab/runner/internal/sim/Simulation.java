package kernellab.runner.internal.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import kernellab.api.Errno;
import kernellab.api.KernelModule;
import kernellab.api.Policy;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.fs.SeqFiles;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.printk.KernelLog;
import kernellab.core.proc.Pmap;
import kernellab.core.proc.Slabtop;
import kernellab.core.sched.CpuShares;
import kernellab.core.sched.ExtExit;
import kernellab.core.sched.RunQueue;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskLifecycleListener;
import kernellab.core.sched.TaskStats;
import kernellab.core.sim.StopReason;
import kernellab.runner.internal.Messages;
import kernellab.runner.internal.trace.LoadProbe;
import kernellab.runner.internal.trace.ShareRecorder;
import kernellab.runner.internal.trace.TraceRecorder;
import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.LoadSample;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.SchedClassReport;
import kernellab.runner.protocol.SharesReport;
import kernellab.runner.protocol.SimulationReport;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.TaskReport;
import kernellab.runner.protocol.WorkloadSpec;

/**
 * One simulated machine as the runner drives it, shared by {@code run}, {@code shell} and
 * {@code serve}: the {@link Kernel} (with its memory and kernel log), the trace recorder, the
 * event breakpoints, the stop condition and the load samples of the report.
 *
 * <p>Time advances in slices of at most the sample period; after each slice the CPUs' load is
 * sampled (at multiples of the period) and the {@link SliceListener} runs, so that output,
 * progress and remote requests are handled while a long run goes on. Slicing does not change
 * the simulation: the engine processes the same events in the same order.
 */
public final class Simulation implements AutoCloseable {

    /** Called after every slice of simulated time, on the simulation's thread. */
    @FunctionalInterface
    public interface SliceListener {
        /**
         * @param sim the simulation, stopped between two events
         */
        void afterSlice(Simulation sim);
    }

    /**
     * How {@link #advance(long)} ended.
     *
     * @param stop why the engine stopped
     * @param endReason why the simulation ended, or {@code null} if it can go on
     */
    public record Outcome(StopReason stop, String endReason) {
        /** @return whether the stop condition was met */
        public boolean ended() {
            return endReason != null;
        }
    }

    private final Kernel kernel;
    private final KernelLog log;
    private final PhysicalMemory memory;
    private final TraceRecorder recorder;
    private final Breakpoints breakpoints;
    private final StopCondition stop;
    private final long samplePeriodNs;
    private final List<List<LoadSample>> samples = new ArrayList<>();
    private final ShareRecorder shares;
    private final List<Task> launched = new ArrayList<>();
    private final List<BiConsumer<Task, String>> deathListeners = new ArrayList<>();
    private long nextSampleNs;
    private String endReason;
    private volatile String interruption;
    private boolean recording;
    private boolean breaking;
    private SliceListener sliceListener = sim -> {
    };

    /**
     * Boots a machine.
     *
     * @param machine the machine; {@code null} fields take the kernel's defaults
     * @param classes the launch's class path, where the class of policy 7 is looked for
     * @param stop when the simulation ends; {@code null} for never (the shell)
     * @param samplePeriodNs period of the load samples and longest slice of simulated time
     * @param recordCapacity trace events the recorder keeps (0: only stream to sinks)
     * @throws IllegalArgumentException if a machine setting is invalid
     * @throws WorkloadException if the class of policy 7 ({@link MachineSpec#schedClass()}) cannot be used
     */
    public Simulation(MachineSpec machine, Workloads classes, StopCondition stop, long samplePeriodNs, int recordCapacity)
            throws WorkloadException {
        MachineConfig config = config(machine);
        if (machine.schedClass() != null) {
            config = config.toBuilder().schedClass(classes.schedClass(machine.schedClass())).build();
        }
        this.kernel = new Kernel(config);
        this.log = kernel.memory().log();
        this.memory = kernel.memory().physicalMemory();
        this.stop = stop;
        this.samplePeriodNs = samplePeriodNs;
        Scheduler s = kernel.scheduler();
        this.recorder = new TraceRecorder(config.cpus(), recordCapacity, new LoadProbe() {
            @Override
            public int nrRunning(int cpu) {
                return s.runQueue(cpu).nrRunning();
            }

            @Override
            public long totalWeight(int cpu) {
                return s.runQueue(cpu).ext().totalWeight();
            }

            @Override
            public String weightedClass() {
                return s.policyClassName();
            }
        });
        this.breakpoints = new Breakpoints(s, memory);
        s.addLifecycleListener(new TaskLifecycleListener() {
            @Override
            public void onExit(Task t) {
                if (t.exitReport() != null) {
                    for (BiConsumer<Task, String> l : deathListeners) {
                        l.accept(t, t.exitReport());
                    }
                }
            }
        });
        if (recordCapacity > 0) {
            recorder();
        }
        this.shares = new ShareRecorder(s);
        kernel.tracer().addListener(shares, ShareRecorder.TRACEPOINTS);
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            samples.add(new ArrayList<>());
        }
    }

    /**
     * @param m a machine spec
     * @return its configuration
     * @throws IllegalArgumentException naming the bad setting
     */
    public static MachineConfig config(MachineSpec m) {
        MachineConfig.Builder b = MachineConfig.builder();
        if (m.cpus() != null) {
            b.cpus(m.cpus());
        }
        if (m.memoryBytes() != null) {
            b.memoryBytes(m.memoryBytes());
        }
        if (m.hz() != null) {
            b.hz(m.hz());
        }
        if (m.seed() != null) {
            b.seed(m.seed());
        }
        if (m.initPolicy() != null) {
            b.initPolicy(m.initPolicy());
        }
        if (m.wrrBaseSliceMs() != null) {
            b.wrrBaseSliceMs(m.wrrBaseSliceMs());
        }
        if (m.balancePeriodMs() != null) {
            b.balancePeriodMs(m.balancePeriodMs());
        }
        if (m.idleBalance() != null) {
            b.idleBalance(m.idleBalance());
        }
        if (m.rtThrottling() != null) {
            b.rtThrottling(m.rtThrottling());
        }
        if (m.rtRuntimeMs() != null || m.rtPeriodMs() != null) {
            MachineConfig d = MachineConfig.builder().build();
            b.rtBandwidthMs(m.rtRuntimeMs() != null ? m.rtRuntimeMs() : d.rtRuntimeNs() / 1_000_000L,
                    m.rtPeriodMs() != null ? m.rtPeriodMs() : d.rtPeriodNs() / 1_000_000L);
        }
        if (m.kthreads() != null) {
            b.kthreads(m.kthreads());
        }
        if (m.pageTableLevels() != null) {
            b.pageTableLevels(m.pageTableLevels());
        }
        if (m.watchdogMillis() != null) {
            b.watchdogMillis(m.watchdogMillis());
        }
        if (m.schedParams() != null) {
            b.schedParams(m.schedParams());
        }
        if (m.replaceFair() != null) {
            b.schedClassReplacesFair(m.replaceFair());
        }
        if (m.schedWatchdogMs() != null) {
            b.schedWatchdogMs(m.schedWatchdogMs());
        }
        return b.build();
    }

    /** @return the kernel */
    public Kernel kernel() {
        return kernel;
    }

    /** @return the machine's physical memory and allocators */
    public PhysicalMemory memory() {
        return memory;
    }

    /** @return the kernel log */
    public KernelLog log() {
        return log;
    }

    /**
     * Prints the kernel log's new lines somewhere as they are printed (a console of the kernel
     * log), on the thread that prints them, so they stay in order with the tasks' output.
     *
     * @param console receives every record printed from now on
     */
    public void addLogConsole(KernelLog.Console console) {
        log.registerConsole(console);
    }

    /**
     * The trace recorder, listening from the first call on (or from boot when it keeps events):
     * tracepoints cost nothing while no one listens, so a plain run does not record.
     *
     * @return the trace recorder
     */
    public TraceRecorder recorder() {
        if (!recording) {
            recording = true;
            kernel.tracer().addListener(recorder);
        }
        return recorder;
    }

    /**
     * The event breakpoints, listening from the first call on.
     *
     * @return the event breakpoints
     */
    public Breakpoints breakpoints() {
        if (!breaking) {
            breaking = true;
            kernel.tracer().addListener(breakpoints);
        }
        return breakpoints;
    }

    /** @return simulated time, ns */
    public long now() {
        return kernel.now();
    }

    /** @return why the simulation ended, or {@code null} while it can go on */
    public String endReason() {
        return endReason;
    }

    /**
     * @param listener runs after every slice of simulated time
     */
    public void setSliceListener(SliceListener listener) {
        this.sliceListener = listener;
    }

    /**
     * @param listener receives what tasks print
     */
    public void addOutputListener(BiConsumer<Task, String> listener) {
        kernel.addOutputListener(listener);
    }

    /**
     * Tells why a task died, when it dies: what the JVM prints for an exception its code did not
     * catch (the task's {@link Task#exitReport()}: {@code Exception in task Thrower [2] "main":
     * ...} with the student's frames), or the kernel's line of the signal that killed it (the
     * watchdog, the OOM killer, SIGSEGV, kill). A task that exits by itself, even with a non-zero
     * status, has no report.
     *
     * @param listener receives the task and its report (possibly several lines, ending with one
     *        or without a line terminator), on the thread the task died on
     */
    public void addDeathListener(BiConsumer<Task, String> listener) {
        deathListeners.add(listener);
    }

    /** @return the first task {@link #launch} started (of its first workload), or {@code null} before any */
    public Task firstLaunched() {
        return launched.isEmpty() ? null : launched.get(0);
    }

    /**
     * Starts workloads at the current time.
     *
     * <p>Kernel-module workloads are loaded by an {@code insmod} task and stay loaded afterwards, as
     * on Linux (their {@code exit} runs at rmmod, e.g. from the shell).
     *
     * @param specs the workloads
     * @param workloads where their classes come from
     * @return the new tasks in pid order
     * @throws WorkloadException if a workload cannot be started (nothing is started then)
     */
    public List<Task> launch(List<WorkloadSpec> specs, Workloads workloads) throws WorkloadException {
        List<TaskSpec> taskSpecs = new ArrayList<>();
        Map<String, KernelModule> modules = new LinkedHashMap<>();
        for (WorkloadSpec w : specs) {
            if (workloads.isKernelModule(w.program())) {
                if (w.count() != 1) {
                    throw new WorkloadException(Messages.moduleLoadedOnce(w.program()));
                }
                KernelModule module = workloads.kernelModule(w.program());
                modules.put(w.comm() != null ? w.comm() : module.getClass().getSimpleName(), module);
            } else {
                taskSpecs.addAll(workloads.taskSpecs(w));
            }
        }
        List<Task> tasks = new ArrayList<>();
        for (TaskSpec t : taskSpecs) {
            tasks.addAll(kernel.launch(t));
        }
        modules.forEach((name, module) -> tasks.add(kernel.memory().insmod(name, module)));
        launched.addAll(tasks);
        return tasks;
    }

    /**
     * Runs until {@code untilNs}, a breakpoint, a step target, a pause or the stop condition.
     *
     * @param untilNs time limit, ns since boot
     * @return why it stopped
     */
    public Outcome advance(long untilNs) {
        if (endReason != null) {
            return new Outcome(new StopReason(StopReason.Kind.CONDITION, now(), null), endReason);
        }
        long limit = stop != null && stop.durationNs() != null ? Math.min(untilNs, stop.durationNs()) : untilNs;
        for (;;) {
            if (interruption != null) {
                return end(new StopReason(StopReason.Kind.PAUSED, now(), null), interruption);
            }
            if (now() >= nextSampleNs) {
                sample();
            }
            long target = Math.min(limit, nextSampleNs);
            StopReason r = stop != null && stop.untilExit() ? kernel.runUntilAllExited(target) : kernel.runUntil(target);
            if (now() >= nextSampleNs) {
                sample();
            }
            sliceListener.afterSlice(this);
            if (interruption != null) {
                return end(r, interruption);
            }
            switch (r.kind()) {
                case CONDITION -> {
                    return end(r, Messages.allExited());
                }
                case NO_EVENTS -> {
                    return end(r, Messages.nothingLeft());
                }
                case TIME_LIMIT -> {
                    if (stop != null && stop.durationNs() != null && now() >= stop.durationNs()) {
                        return end(r, Messages.durationReached());
                    }
                    if (now() >= untilNs) {
                        return new Outcome(r, null);
                    }
                }
                default -> {
                    return new Outcome(r, null);
                }
            }
        }
    }

    /**
     * Ends the simulation at the current simulated time, as the stop condition would: the
     * running {@link #advance} returns between two events with {@code reason} as the end
     * reason, and so does every later one. Safe to call from any thread (a signal's handler).
     *
     * @param reason why, for the report
     */
    public void interrupt(String reason) {
        interruption = reason;
        kernel.pause();
    }

    /**
     * Processes one engine event (a tick, the end of a burst…).
     *
     * @return why it stopped
     */
    public Outcome stepEngine() {
        StopReason r = kernel.step();
        sliceListener.afterSlice(this);
        return new Outcome(r, null);
    }

    private Outcome end(StopReason r, String reason) {
        endReason = reason;
        sample();
        return new Outcome(r, reason);
    }

    private void sample() {
        long now = now();
        Scheduler s = kernel.scheduler();
        for (int cpu = 0; cpu < s.nrCpus(); cpu++) {
            List<LoadSample> list = samples.get(cpu);
            if (!list.isEmpty() && list.get(list.size() - 1).timeNs() == now) {
                continue;
            }
            RunQueue rq = s.runQueue(cpu);
            list.add(new LoadSample(now, rq.nrRunning(), rq.ext().totalWeight()));
        }
        while (nextSampleNs <= now) {
            nextSampleNs += samplePeriodNs;
        }
    }

    /**
     * Reads a file as {@code cat} would (a /proc file, or a file the workloads wrote, with its
     * page cache's bytes), or a tool's output: {@code slabtop}, {@code dmesg},
     * {@code pmap [-x|-d|-X|-XX] PID}.
     *
     * @param path a file's absolute path, or a tool's command line
     * @return its text
     * @throws Errno ENOENT if there is no such file, ESRCH if pmap's process does not exist,
     *         EINVAL for pmap with other arguments; the message starts with the path
     */
    public String readFile(String path) {
        String[] words = path.trim().split("\\s+");
        return switch (words[0]) {
            case "slabtop" -> Slabtop.render(memory.slabInfo());
            case "dmesg" -> log.dmesg();
            case "sched_debug" -> kernel.procFs().read("/proc/sched_debug");
            case "pmap" -> pmap(path, words);
            default -> SeqFiles.covers(path) ? kernel.procFs().read(path) : kernel.vm().vfs().cat(path);
        };
    }

    private String pmap(String path, String[] words) {
        Pmap.Mode mode = words.length == 3 ? switch (words[1]) {
            case "-x" -> Pmap.Mode.EXTENDED;
            case "-d" -> Pmap.Mode.DEVICE;
            case "-X" -> Pmap.Mode.MORE;
            case "-XX" -> Pmap.Mode.EVERYTHING;
            default -> null;
        } : Pmap.Mode.DEFAULT;
        Integer pid = words.length == 2 || words.length == 3 ? pid(words[words.length - 1]) : null;
        if (mode == null || pid == null) {
            throw new Errno(Errno.EINVAL, path);
        }
        Task t = kernel.scheduler().task(pid);
        if (t == null) {
            throw new Errno(Errno.ESRCH, path);
        }
        return Pmap.render(kernel.vm(), t, mode);
    }

    private static Integer pid(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param path what {@link #readFile} was asked for
     * @param e its error
     * @return the error line as a shell shows it: {@code cat: /proc/nosuch: No such file or
     *         directory} for a file, the message alone for a tool ({@code pmap 99: No such process})
     */
    public static String readError(String path, Errno e) {
        return path.startsWith("/") ? Messages.shellError("cat", e.getMessage()) : e.getMessage();
    }

    /** @return the tasks started by {@link #launch} and their descendants, alive or not, in pid order */
    public List<Task> workloadTasks() {
        Task init = kernel.scheduler().init();
        return kernel.scheduler().allTasks().stream().filter(t -> !t.isKernelThread() && !t.isIdleTask() && t != init)
                .sorted(Comparator.comparingInt(Task::pid)).toList();
    }

    /**
     * @param reason why the run ended (or stopped)
     * @return the machine-readable report
     */
    public SimulationReport report(String reason) {
        List<TaskReport> tasks = new ArrayList<>();
        for (Task t : workloadTasks()) {
            TaskStats s = TaskStats.of(t);
            tasks.add(new TaskReport(s.pid(), s.tgid(), t.ppid(), s.comm(), s.policy(), s.weight(), s.nice(), s.cpuTimeNs(), s.waitTimeNs(),
                    s.turnaroundNs(), s.voluntarySwitches() + s.involuntarySwitches(), s.voluntarySwitches(),
                    s.involuntarySwitches(), s.migrations(), t.minFlt(), t.majFlt(), s.exitStatus() < 0 ? null : s.exitStatus(),
                    s.exitReport()));
        }
        List<CpuReport> cpus = new ArrayList<>();
        for (RunQueue rq : cpuRunQueues()) {
            cpus.add(new CpuReport(rq.cpu(), rq.busyTime(), rq.nrSwitches(), List.copyOf(samples.get(rq.cpu()))));
        }
        return new SimulationReport(KernelLabProtocol.VERSION, now(), kernel.engine().eventsProcessed(), reason, tasks, cpus,
                schedClassReport(), sharesReport());
    }

    /**
     * The SCHED_WRR tasks' shares while they competed, on the CPUs they may use together (the
     * union of their affinities: FactorizerRace's tasks are all pinned to CPU 0).
     */
    private SharesReport sharesReport() {
        List<Task> group = workloadTasks().stream().filter(t -> TaskStats.of(t).policy() == Policy.SCHED_WRR).toList();
        BitSet usable = new BitSet();
        group.forEach(t -> usable.or(t.cpusAllowed()));
        usable.clear(kernel.scheduler().nrCpus(), Math.max(kernel.scheduler().nrCpus(), usable.length()));
        CpuShares.Result r = CpuShares.of(group.stream().map(t -> shares.history(t.pid(), now())).toList(),
                Math.max(1, usable.cardinality()));
        return new SharesReport(r.startNs(), r.endNs(), r.shares().stream()
                .map(s -> new SharesReport.TaskShare(s.pid(), s.weight(), s.measured(), s.expected())).toList());
    }

    private SchedClassReport schedClassReport() {
        Scheduler s = kernel.scheduler();
        if (s.policyClassName() == null) {
            return null;
        }
        ExtExit e = s.policyClassExit();
        return e == null ? new SchedClassReport(s.policyClassName(), false, null, null, null, null, null)
                : new SchedClassReport(e.className(), true, e.kind().name(), e.kind().code(), e.message(), e.timeNs(), e.dump());
    }

    private List<RunQueue> cpuRunQueues() {
        List<RunQueue> list = new ArrayList<>();
        for (int cpu = 0; cpu < kernel.scheduler().nrCpus(); cpu++) {
            list.add(kernel.scheduler().runQueue(cpu));
        }
        return list;
    }

    @Override
    public void close() {
        kernel.close();
    }
}
