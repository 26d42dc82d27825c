package kernellab.runner.internal.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import kernellab.api.Errno;
import kernellab.core.fs.SeqFiles;
import kernellab.core.sim.StopReason;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;
import kernellab.runner.internal.shell.ShellException;
import kernellab.runner.internal.shell.SyscallShell;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Snapshots;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.internal.trace.ChromeTraceWriter;
import kernellab.runner.internal.trace.FtraceWriter;
import kernellab.runner.internal.trace.TraceRecorder;
import kernellab.runner.internal.trace.TraceSink;
import kernellab.runner.protocol.BreakpointStatus;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.ExportTraceParams;
import kernellab.runner.protocol.ExportTraceResult;
import kernellab.runner.protocol.HelloParams;
import kernellab.runner.protocol.HelloResult;
import kernellab.runner.protocol.HoldParams;
import kernellab.runner.protocol.KernelLabClient;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.LaunchResult;
import kernellab.runner.protocol.LogLine;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.OutputLine;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.PageWalkParams;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ProcessMaps;
import kernellab.runner.protocol.ProcessMapsParams;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.SetBreakpointsParams;
import kernellab.runner.protocol.ShellParams;
import kernellab.runner.protocol.ShellResult;
import kernellab.runner.protocol.SlabCacheDetail;
import kernellab.runner.protocol.SlabCacheParams;
import kernellab.runner.protocol.SlabSnapshot;
import kernellab.runner.protocol.StepKind;
import kernellab.runner.protocol.StepParams;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.StopKind;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.runner.protocol.TasksSnapshot;
import kernellab.runner.protocol.TraceEventInfo;
import kernellab.runner.internal.Messages;

/**
 * The runner's side of one authenticated connection. Requests arrive on lsp4j's thread; all
 * work on the machine happens on the session's simulation thread, which runs the simulation
 * while the client wants it to run and between slices of simulated time answers the requests
 * queued in its mailbox, so snapshots are consistent and live. While the client holds the
 * session ({@link #hold}: a thread of this JVM is stopped in the Java debugger, so the simulation
 * thread cannot come back to its mailbox), the read-only requests are answered on lsp4j's thread
 * from the frozen machine.
 */
final class RemoteSession implements KernelLabServer {

    /** Where the session is in its life. */
    private enum State {
        NEW, STOPPED, RUNNING, ENDED
    }

    private static final long BATCH_INTERVAL_NANOS = 100_000_000L;
    private static final int BATCH_MAX = 10_000;

    private KernelLabClient client;
    private final long sliceNs;
    private final Runnable onTerminate;
    private final BlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object stateLock = new Object();
    private volatile State state = State.NEW;
    private volatile boolean helloDone;
    private volatile int exitStatus;
    private boolean pauseIssued;
    /** Whether a thread of this JVM is stopped in the Java debugger ({@link #hold}). */
    private volatile boolean held;
    private volatile Simulation sim;
    /** The reads in the mailbox not answered yet. */
    private final Set<Read> waitingReads = ConcurrentHashMap.newKeySet();
    /** Where workload classes of the launch come from (the shell's exec uses it too). */
    private Workloads workloads;
    /** The syscall shell of {@link #shell}, made at its first command; its output is collected per command. */
    private SyscallShell shell;
    private final StringWriter shellOutput = new StringWriter();
    private long runUntilNs;
    private boolean stepping;
    /** How far the recorded events were pushed, those {@link #pushed} skipped included. */
    private long sentSequence;
    private long lastBatchNanos;
    /** The events the pushed batches carry ({@link LaunchParams#pushedEvents()}). */
    private Predicate<TraceEvent> pushed = e -> true;

    /**
     * @param sliceNs longest slice of simulated time between two looks at the mailbox
     * @param onTerminate ends the connection and the process, after the terminate answer is sent
     */
    RemoteSession(long sliceNs, Runnable onTerminate) {
        this.sliceNs = sliceNs;
        this.onTerminate = onTerminate;
        this.thread = Thread.ofPlatform().name("kernellab-simulation").daemon().unstarted(this::loop);
    }

    /**
     * Starts the session once the client's proxy exists.
     *
     * @param proxy the IDE's notifications
     */
    void connect(KernelLabClient proxy) {
        this.client = proxy;
        thread.start();
    }

    // ------------------------------------------------------------------ the simulation thread

    private void loop() {
        try {
            for (;;) {
                if (state == State.RUNNING) {
                    runGuarded();
                } else {
                    mailbox.take().run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainMailbox() {
        Runnable r;
        while ((r = mailbox.poll()) != null) {
            r.run();
        }
    }

    /** Runs the simulation; a failure of the simulator itself ends the session's simulation, not the process. */
    private void runGuarded() {
        try {
            runOnce();
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            state = State.ENDED;
            client.exited(new ExitedEvent(Messages.simulatorError(e), null));
        }
    }

    private void runOnce() {
        Simulation.Outcome o = stepping ? sim.advance(Long.MAX_VALUE) : sim.advance(runUntilNs);
        TraceEvent at = sim.breakpoints().takeStopEvent();
        List<Integer> ids = sim.breakpoints().stopIds();
        sim.breakpoints().cancelStep();
        stepping = false;
        synchronized (stateLock) {
            if (pauseIssued && o.stop().kind() != StopReason.Kind.PAUSED) {
                sim.kernel().runUntil(sim.now());
            }
            pauseIssued = false;
            state = o.ended() ? State.ENDED : State.STOPPED;
        }
        sendEvents(true);
        if (o.ended()) {
            client.exited(new ExitedEvent(o.endReason(), sim.report(o.endReason())));
            return;
        }
        StopKind kind = switch (o.stop().kind()) {
            case BREAKPOINT -> ids.isEmpty() ? StopKind.STEP : StopKind.BREAKPOINT;
            case PAUSED -> StopKind.PAUSE;
            default -> StopKind.TIME_LIMIT;
        };
        client.stopped(new StoppedEvent(kind, kind == StopKind.BREAKPOINT ? ids : List.of(), Snapshots.event(at),
                at == null ? null : at.cpu(), sim.now(), describe(kind, at)));
    }

    private static String describe(StopKind kind, TraceEvent e) {
        if (e == null) {
            return kind == StopKind.PAUSE ? Messages.paused() : Messages.timeLimitReached();
        }
        if (e.tracepoint() == SchedTracepoints.SCHED_SWITCH) {
            return String.format("sched_switch on CPU %d prev=%s[%s] next=%s[%s]", e.cpu(), e.field("prev_comm"),
                    e.field("prev_pid"), e.field("next_comm"), e.field("next_pid"));
        }
        return e.name() + " on CPU " + e.cpu() + ": " + e.fieldsText();
    }

    private void afterSlice(Simulation s) {
        drainMailbox();
        long t = System.nanoTime();
        if (t - lastBatchNanos >= BATCH_INTERVAL_NANOS) {
            sendEvents(false);
        }
    }

    /**
     * Pushes the events recorded since the last batch that the client wants: one batch, or at a
     * stop ({@code all}) as many as it takes to reach the newest event. A batch is sent whenever
     * events were recorded, also when all of them were skipped, so the client sees the trace move.
     */
    private void sendEvents(boolean all) {
        lastBatchNanos = System.nanoTime();
        do {
            TraceRecorder.Scan scan = sim.recorder().scan(sentSequence, BATCH_MAX, pushed);
            if (scan.scannedSequence() == sentSequence) {
                return;
            }
            sentSequence = scan.scannedSequence();
            client.events(batch(sim, scan));
        } while (all);
    }

    /** Runs {@code work} on the simulation thread and completes with its result or its error. */
    private <T> CompletableFuture<T> onSimulation(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        mailbox.add(() -> complete(f, work));
        return f;
    }

    /**
     * Runs {@code work}, which only reads the machine, on the simulation thread, or at once on
     * the caller's thread while the session is {@link #held}. A read still waiting in the
     * mailbox when the hold starts is answered by {@link #hold} (a view's refresh sent just
     * before the breakpoint must not wait for the resume).
     */
    private <T> CompletableFuture<T> reading(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (held) {
            complete(f, work);
            return f;
        }
        Read read = new Read(() -> complete(f, work));
        waitingReads.add(read);
        mailbox.add(read);
        return f;
    }

    /** A read in the mailbox, answered once: by the simulation thread or by {@link #hold}. */
    private final class Read implements Runnable {
        private final Runnable answer;
        private final AtomicBoolean taken = new AtomicBoolean();

        Read(Runnable answer) {
            this.answer = answer;
        }

        @Override
        public void run() {
            if (taken.compareAndSet(false, true)) {
                waitingReads.remove(this);
                answer.run();
            }
        }
    }

    private static <T> void complete(CompletableFuture<T> f, Supplier<T> work) {
        try {
            f.complete(work.get());
        } catch (ResponseErrorException e) {
            f.completeExceptionally(e);
        } catch (Errno e) {
            f.completeExceptionally(error(KernelLabProtocol.ERROR_NO_SUCH_FILE, e.getMessage()));
        } catch (IllegalArgumentException e) {
            f.completeExceptionally(error(KernelLabProtocol.ERROR_INVALID_PARAMS, e.getMessage()));
        } catch (RuntimeException | LinkageError e) {
            f.completeExceptionally(error(ResponseErrorCode.InternalError.getValue(), Messages.simulatorError(e)));
        }
    }

    private static ResponseErrorException error(int code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    private static <T> CompletableFuture<T> failed(int code, String message) {
        return CompletableFuture.failedFuture(error(code, message));
    }

    private Simulation launched() {
        if (sim == null) {
            throw error(KernelLabProtocol.ERROR_WRONG_STATE, Messages.notLaunched());
        }
        return sim;
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw error(KernelLabProtocol.ERROR_INVALID_PARAMS, Messages.missing(what));
        }
        return value;
    }

    // ------------------------------------------------------------------ requests

    @Override
    public CompletableFuture<HelloResult> hello(HelloParams params) {
        if (helloDone) {
            return failed(KernelLabProtocol.ERROR_WRONG_STATE, Messages.helloAgain());
        }
        helloDone = true;
        if (params == null || params.protocolVersion() != KernelLabProtocol.VERSION) {
            String message = KernelLabProtocol.mismatch(KernelLabProtocol.VERSION, params == null ? 0 : params.protocolVersion());
            System.err.println(Messages.commandError("serve", message));
            exitStatus = 1;
            CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS).execute(onTerminate);
            return failed(KernelLabProtocol.ERROR_VERSION_MISMATCH, message);
        }
        return CompletableFuture.completedFuture(new HelloResult(KernelLabProtocol.VERSION,
                "kernellab " + kernellab.runner.Main.VERSION, ProcessHandle.current().pid()));
    }

    @Override
    public CompletableFuture<LaunchResult> launch(LaunchParams params) {
        return onSimulation(() -> {
            if (sim != null) {
                throw error(KernelLabProtocol.ERROR_WRONG_STATE, Messages.alreadyLaunched());
            }
            required(params, "launch parameters");
            Predicate<TraceEvent> pushedEvents = params.pushedEvents() == null ? e -> true
                    : nameIn(params.pushedEvents(), "pushedEvents");
            MachineSpec machine = params.machine() != null ? params.machine() : MachineSpec.DEFAULT;
            StopCondition stop = params.stop() != null ? params.stop() : new StopCondition(null, true);
            workloads = new Workloads(params.classpath() != null ? params.classpath() : List.of());
            Simulation s;
            try {
                s = new Simulation(machine, workloads, stop, sliceNs, KernelLabProtocol.RECORDED_EVENTS);
            } catch (WorkloadException e) {
                throw error(KernelLabProtocol.ERROR_INVALID_PARAMS, e.getMessage());
            }
            s.addLogConsole(r -> client.log(new LogLine(r.timeNs(), r.level().name(), r.dmesgLine())));
            s.addDeathListener((task, report) -> report.lines().forEach(l -> client.log(new LogLine(s.now(), "KERN_ERR", l))));
            try {
                s.launch(params.workloads() != null ? params.workloads() : List.of(), workloads);
            } catch (WorkloadException e) {
                s.close();
                throw error(KernelLabProtocol.ERROR_INVALID_PARAMS, e.getMessage());
            }
            s.addOutputListener((task, text) -> client.output(new OutputLine(s.now(), task.pid(), task.comm(), text)));
            s.setSliceListener(this::afterSlice);
            pushed = pushedEvents;
            sim = s;
            state = State.STOPPED;
            return new LaunchResult(s.kernel().scheduler().nrCpus(), s.now(),
                    Snapshots.tasks(s.kernel().scheduler().tasks()));
        });
    }

    @Override
    public CompletableFuture<List<BreakpointStatus>> setBreakpoints(SetBreakpointsParams params) {
        return onSimulation(() -> launched().breakpoints()
                .set(required(required(params, "parameters").breakpoints(), "breakpoints")));
    }

    @Override
    public CompletableFuture<Void> resume(ResumeParams params) {
        return onSimulation(() -> {
            startRunning(launched());
            runUntilNs = params != null && params.untilNs() != null ? params.untilNs() : Long.MAX_VALUE;
            return null;
        });
    }

    private void startRunning(Simulation s) {
        synchronized (stateLock) {
            switch (state) {
                case RUNNING -> throw error(KernelLabProtocol.ERROR_WRONG_STATE, Messages.alreadyRunning());
                case ENDED -> throw error(KernelLabProtocol.ERROR_WRONG_STATE, Messages.simulationEnded(s.endReason()));
                default -> state = State.RUNNING;
            }
        }
    }

    @Override
    public CompletableFuture<Void> pause() {
        synchronized (stateLock) {
            if (state == State.NEW) {
                return failed(KernelLabProtocol.ERROR_WRONG_STATE, Messages.notLaunched());
            }
            if (state == State.RUNNING && !pauseIssued) {
                pauseIssued = true;
                sim.kernel().pause();
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> step(StepParams params) {
        return onSimulation(() -> {
            Simulation s = launched();
            StepKind kind = required(required(params, "parameters").kind(), "step kind");
            Integer cpu = params.cpu();
            if (kind != StepKind.EVENT) {
                required(cpu, "cpu");
                if (cpu < 0 || cpu >= s.kernel().scheduler().nrCpus()) {
                    throw error(KernelLabProtocol.ERROR_INVALID_PARAMS, Messages.noCpu(cpu));
                }
            }
            Predicate<TraceEvent> target = switch (kind) {
                case EVENT -> e -> true;
                case EVENT_ON_CPU -> e -> e.cpu() == cpu;
                case SWITCH_ON_CPU -> e -> e.cpu() == cpu && e.tracepoint() == SchedTracepoints.SCHED_SWITCH;
            };
            startRunning(s);
            s.breakpoints().stepTo(target);
            stepping = true;
            return null;
        });
    }

    /**
     * Holds or lets go of the machine. Called on lsp4j's thread, which handles one message after
     * the other, so no request answered from the frozen machine overlaps a {@code hold(false)}.
     */
    @Override
    public CompletableFuture<StoppedEvent> hold(HoldParams params) {
        Simulation s = sim;
        if (s == null) {
            return failed(KernelLabProtocol.ERROR_WRONG_STATE, Messages.notLaunched());
        }
        boolean on = required(params, "parameters").held();
        s.kernel().scheduler().holdClassCode(on);
        held = on;
        if (!on) {
            return CompletableFuture.completedFuture(null);
        }
        waitingReads.forEach(Read::run);
        int cpu = s.kernel().scheduler().currentCpu();
        return CompletableFuture.completedFuture(new StoppedEvent(StopKind.HELD, List.of(), null, cpu, s.now(),
                Messages.heldInJava(cpu)));
    }

    @Override
    public CompletableFuture<TasksSnapshot> tasks() {
        return reading(() -> Snapshots.tasks(launched()));
    }

    @Override
    public CompletableFuture<RunQueuesSnapshot> runQueues() {
        return reading(() -> Snapshots.runQueues(launched()));
    }

    @Override
    public CompletableFuture<SlabSnapshot> slabCaches() {
        return reading(() -> Snapshots.slabs(launched()));
    }

    @Override
    public CompletableFuture<SlabCacheDetail> slabCache(SlabCacheParams params) {
        return reading(() -> Snapshots.slabCache(launched(), required(required(params, "parameters").name(), "name")));
    }

    @Override
    public CompletableFuture<BuddySnapshot> buddy() {
        return reading(() -> Snapshots.buddy(launched()));
    }

    @Override
    public CompletableFuture<ProcessMaps> processMaps(ProcessMapsParams params) {
        return reading(() -> Snapshots.processMaps(launched(), required(params, "parameters").pid()));
    }

    @Override
    public CompletableFuture<PageWalk> pageWalk(PageWalkParams params) {
        return reading(() -> {
            required(params, "parameters");
            return Snapshots.pageWalk(launched(), params.pid(), params.address());
        });
    }

    /** While held, a file of the simulated file system (not {@code /proc}, not a tool) waits for the simulation thread. */
    @Override
    public CompletableFuture<ProcFile> readFile(ProcFileParams params) {
        Supplier<ProcFile> read = () -> {
            Simulation s = launched();
            String path = required(required(params, "parameters").path(), "path");
            return new ProcFile(path, s.now(), s.readFile(path));
        };
        String path = params == null ? null : params.path();
        return path != null && path.startsWith("/") && !SeqFiles.covers(path) ? onSimulation(read) : reading(read);
    }

    @Override
    public CompletableFuture<ShellResult> shell(ShellParams params) {
        return onSimulation(() -> {
            Simulation s = launched();
            String line = required(required(params, "parameters").line(), "line");
            if (shell == null) {
                shell = new SyscallShell(s, workloads, new PrintWriter(shellOutput, true));
            }
            shellOutput.getBuffer().setLength(0);
            String error = null;
            try {
                shell.execute(line);
            } catch (ShellException e) {
                error = e.getMessage();
            }
            return new ShellResult(shellOutput.toString(), error, s.now());
        });
    }

    @Override
    public CompletableFuture<EventBatch> traceEvents(EventsParams params) {
        return reading(() -> {
            Simulation s = launched();
            required(params, "parameters");
            int max = params.max() <= 0 ? BATCH_MAX : params.max();
            return batch(s, s.recorder().scan(params.afterSequence(), max, named(params.names())));
        });
    }

    /**
     * @param names the event names asked for; {@code null} or empty: all
     * @return the filter of {@link EventsParams#names()}
     */
    private static Predicate<TraceEvent> named(List<String> names) {
        if (names == null || names.isEmpty()) {
            return e -> true;
        }
        return nameIn(names, "names");
    }

    /**
     * @param names event names; a {@code null} one is an invalid parameter
     * @param field the parameter they come from, for that error
     * @return the filter that accepts the events with one of those names (none if empty)
     */
    private static Predicate<TraceEvent> nameIn(List<String> names, String field) {
        names.forEach(name -> required(name, "event name in " + field));
        Set<String> wanted = Set.copyOf(names);
        return e -> wanted.contains(e.name());
    }

    private static EventBatch batch(Simulation s, TraceRecorder.Scan scan) {
        List<TraceEventInfo> events = scan.events().stream().map(Snapshots::event).toList();
        return new EventBatch(s.recorder().firstAvailable(), s.recorder().lastSequence(), events, scan.scannedSequence(),
                scan.scannedTimeNs());
    }

    @Override
    public CompletableFuture<ExportTraceResult> exportTrace(ExportTraceParams params) {
        return onSimulation(() -> {
            Simulation s = launched();
            String path = required(required(params, "parameters").path(), "path");
            int cpus = s.kernel().scheduler().nrCpus();
            try (Writer w = Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8)) {
                TraceSink sink = required(params.format(), "format") == kernellab.runner.protocol.TraceFormat.CHROME
                        ? new ChromeTraceWriter(w, cpus) : new FtraceWriter(w, cpus);
                long first = s.recorder().firstAvailable();
                long n = s.recorder().replay(sink, s.now());
                return new ExportTraceResult(path, n, first);
            } catch (IOException e) {
                throw error(KernelLabProtocol.ERROR_INVALID_PARAMS, Messages.cannotWrite(path, e.getMessage()));
            }
        });
    }

    @Override
    public CompletableFuture<Void> terminate() {
        synchronized (stateLock) {
            if (state == State.RUNNING && !pauseIssued) {
                pauseIssued = true;
                sim.kernel().pause();
            }
        }
        CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS).execute(onTerminate);
        return CompletableFuture.completedFuture(null);
    }

    /** @return the process's exit status: 1 after a protocol version mismatch, else 0 */
    int exitStatus() {
        return exitStatus;
    }

    /** Stops the simulation thread and the machine; called when the connection ends. */
    void close() {
        thread.interrupt();
    }
}
