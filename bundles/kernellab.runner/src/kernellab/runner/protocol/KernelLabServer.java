package kernellab.runner.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * What the IDE asks the simulator process ({@code kernellab serve}). Method names on the wire
 * are {@code kernellab/<method>}.
 *
 * <p>Order of a session: {@link #hello} (must be the first message, with the launch's secret
 * and {@link KernelLabProtocol#VERSION}), {@link #launch}, then {@link #setBreakpoints},
 * {@link #resume}, {@link #pause}, {@link #step} and the snapshot requests in any order, and
 * {@link #terminate}. A request out of that order fails with
 * {@link KernelLabProtocol#ERROR_WRONG_STATE}; bad parameters fail with
 * {@link KernelLabProtocol#ERROR_INVALID_PARAMS}; the simulation goes on in both cases.
 *
 * <p>Snapshots are consistent: while the simulation is stopped they show the state at the
 * stop; while it runs they are taken between two slices of simulated time.
 */
@JsonSegment("kernellab")
public interface KernelLabServer {

    /**
     * Authenticates the connection and checks the protocol version.
     *
     * @param params the secret and the client's protocol version
     * @return the runner's version; fails with {@link KernelLabProtocol#ERROR_VERSION_MISMATCH}
     */
    @JsonRequest
    CompletableFuture<HelloResult> hello(HelloParams params);

    /**
     * Boots the machine and starts the workloads' tasks; the simulation stays stopped at time 0
     * until {@link #resume} or {@link #step}, so breakpoints can be set first.
     *
     * @param params machine, workloads, class path, stop condition and the events to push
     * @return the machine and its first tasks
     */
    @JsonRequest
    CompletableFuture<LaunchResult> launch(LaunchParams params);

    /**
     * Replaces the set of event breakpoints.
     *
     * @param params all breakpoints (an empty list removes them all)
     * @return one status per breakpoint, in the same order
     */
    @JsonRequest
    CompletableFuture<List<BreakpointStatus>> setBreakpoints(SetBreakpointsParams params);

    /**
     * Lets the simulation run until a breakpoint, {@link #pause}, the optional time limit or
     * the stop condition; {@link KernelLabClient#stopped} or {@link KernelLabClient#exited}
     * tells which. Answers at once.
     *
     * @param params an optional time limit
     * @return completes when the simulation has started running
     */
    @JsonRequest
    CompletableFuture<Void> resume(ResumeParams params);

    /**
     * Stops a running simulation between two events; {@link KernelLabClient#stopped} follows.
     *
     * @return completes when the request was taken (also if already stopped)
     */
    @JsonRequest
    CompletableFuture<Void> pause();

    /**
     * Runs to the next trace event (optionally on one CPU) or the next context switch on a CPU;
     * {@link KernelLabClient#stopped} with reason {@link StopKind#STEP} follows.
     *
     * @param params what to step to
     * @return completes when the step has started
     */
    @JsonRequest
    CompletableFuture<Void> step(StepParams params);

    /**
     * Tells the simulator that the Java debugger stopped (or let go of) a thread of its JVM: a
     * breakpoint in a workload's or a scheduling class's code. The simulation thread is then
     * stuck in that code, between two kernel operations, and cannot answer; while held, the
     * read-only requests ({@link #tasks}, {@link #runQueues}, {@link #slabCaches},
     * {@link #slabCache}, {@link #buddy}, {@link #processMaps}, {@link #pageWalk},
     * {@link #traceEvents} and {@link #readFile} of {@code /proc} files and tools) are answered
     * from the frozen machine on the connection's own thread, without calling into the class (a
     * class's queues are the kernel's account of them, see {@code Scheduler.holdClassCode}); the
     * others wait until the thread goes on. The client must send {@code hold(false)} as soon as
     * the debugger resumes the thread; a snapshot answered in the moment between the resume and
     * that request may mix two states, and the next event batch asks for a new one.
     *
     * <p>Added in version 3 without a version change, like {@link LaunchParams#pushedEvents()}:
     * the IDE and the runner it launches come from the same installation.
     *
     * @param params whether a thread is stopped
     * @return for {@code hold(true)}, where the machine stands ({@link StopKind#HELD}, the CPU
     *         whose code runs, the simulated time); for {@code hold(false)}, {@code null}
     */
    @JsonRequest
    CompletableFuture<StoppedEvent> hold(HoldParams params);

    /** @return every live and zombie task */
    @JsonRequest
    CompletableFuture<TasksSnapshot> tasks();

    /** @return each CPU's run queue with every class's queue in pick order */
    @JsonRequest
    CompletableFuture<RunQueuesSnapshot> runQueues();

    /** @return the slab caches as /proc/slabinfo lists them */
    @JsonRequest
    CompletableFuture<SlabSnapshot> slabCaches();

    /**
     * @param params the cache's name
     * @return the cache with its slabs on the full, partial and empty lists
     */
    @JsonRequest
    CompletableFuture<SlabCacheDetail> slabCache(SlabCacheParams params);

    /** @return the buddy allocator's free areas per zone and the owners of all page frames */
    @JsonRequest
    CompletableFuture<BuddySnapshot> buddy();

    /**
     * @param params the process
     * @return its address space and VMAs; fails with {@link KernelLabProtocol#ERROR_NO_SUCH_FILE}
     *         if there is no such process or it has no address space (a kernel thread)
     */
    @JsonRequest
    CompletableFuture<ProcessMaps> processMaps(ProcessMapsParams params);

    /**
     * @param params the process and the address
     * @return the page walk; fails with {@link KernelLabProtocol#ERROR_NO_SUCH_FILE} if there is
     *         no such process or it has no address space
     */
    @JsonRequest
    CompletableFuture<PageWalk> pageWalk(PageWalkParams params);

    /**
     * Reads a file as a shell on the machine would: any /proc file the kernel provides
     * ({@code /proc/sched_debug}, {@code /proc/slabinfo}, {@code /proc/PID/status}…) or a tool's
     * output ({@code slabtop}).
     *
     * @param params the path or tool name
     * @return its text; fails with {@link KernelLabProtocol#ERROR_NO_SUCH_FILE} if it does not exist
     */
    @JsonRequest
    CompletableFuture<ProcFile> readFile(ProcFileParams params);

    /**
     * Runs one command of the syscall shell ({@code kernellab shell}'s language) on the machine,
     * between two slices of simulated time: system calls, /proc files, {@code run 100ms}, {@code step}.
     *
     * @param params the command line
     * @return what it printed, or its error
     */
    @JsonRequest
    CompletableFuture<ShellResult> shell(ShellParams params);

    /**
     * @param params the last sequence number the client has read (or skipped), how many events it
     *        wants at most and, optionally, which event names
     * @return the recorded trace events after that sequence number, and where to continue
     */
    @JsonRequest
    CompletableFuture<EventBatch> traceEvents(EventsParams params);

    /**
     * Writes the recorded trace to a file.
     *
     * @param params file and format
     * @return how many events were written
     */
    @JsonRequest
    CompletableFuture<ExportTraceResult> exportTrace(ExportTraceParams params);

    /**
     * Ends the simulation; the runner answers, closes the connection and exits.
     *
     * @return completes before the process ends
     */
    @JsonRequest
    CompletableFuture<Void> terminate();
}
