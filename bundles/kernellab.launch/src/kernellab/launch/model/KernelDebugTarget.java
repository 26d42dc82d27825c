package kernellab.launch.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import kernellab.launch.internal.Messages;
import kernellab.runner.protocol.BreakpointSpec;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.SetBreakpointsParams;
import kernellab.runner.protocol.StepKind;
import kernellab.runner.protocol.StepParams;
import kernellab.runner.protocol.StopKind;
import kernellab.runner.protocol.StoppedEvent;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.osgi.util.NLS;

/**
 * The simulated kernel as a debug target: "Simulated kernel (4 CPUs) at 0.120000000 s", one
 * {@link CpuThread} per CPU. It installs every enabled {@link KernelEventBreakpoint} in the
 * simulator (again whenever one is added, changed or removed), and turns the simulator's stop
 * notifications into suspend events on the CPU that stopped, with that CPU's run queue as the
 * frame's variables.
 */
public final class KernelDebugTarget extends KernelDebugElement implements IDebugTarget, IBreakpointListener {

    /** Identifier of KernelLab's debug model (breakpoints, presentation). */
    public static final String MODEL_ID = "kernellab.debugModel";

    private final ILaunch launch;
    private final IProcess process;
    private final KernelLabServer server;
    private final CpuThread[] threads;
    private final Map<Integer, KernelEventBreakpoint> installed = new HashMap<>();
    private volatile boolean suspended;
    private volatile boolean stepping;
    private volatile boolean terminated;
    private volatile boolean disconnected;
    private volatile long timeNs;
    /** While the Java debugger holds the machine: resumes its stopped threads; else {@code null}. */
    private volatile Runnable heldBy;
    /** Whether the simulation reached its end ({@link #ended(long)}). */
    private volatile boolean ended;

    /**
     * @param process the simulation's process in the launch
     * @param server the connected simulator
     * @param cpus the machine's CPU count
     */
    public KernelDebugTarget(ILaunch launch, IProcess process, KernelLabServer server, int cpus) {
        super(null);
        this.launch = launch;
        this.process = process;
        this.server = server;
        threads = new CpuThread[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            threads[cpu] = new CpuThread(this, cpu);
        }
        DebugPlugin.getDefault().getBreakpointManager().addBreakpointListener(this);
        fireCreationEvent();
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    /** Sends the breakpoints, then lets the machine run from time 0. */
    public CompletableFuture<Void> start() {
        return installBreakpoints().thenCompose(ignored -> server.resume(new ResumeParams(null)))
                .thenRun(() -> resumed(DebugEvent.CLIENT_REQUEST));
    }

    /** Called when the simulator stopped: refreshes every CPU from a run-queue snapshot, then suspends. */
    public void stopped(StoppedEvent event) {
        server.runQueues().thenAccept(snapshot -> {
            List<IBreakpoint> hits = new ArrayList<>();
            event.breakpointIds().forEach(id -> {
                KernelEventBreakpoint b = installed.get(id);
                if (b != null) {
                    hits.add(b);
                }
            });
            for (CpuRunQueue rq : snapshot.cpus()) {
                boolean here = event.cpu() != null && event.cpu() == rq.cpu();
                threads[rq.cpu()].update(rq, here ? event.description() : null, here ? hits : List.of());
            }
            timeNs = snapshot.timeNs();
            suspended = true;
            stepping = false;
            int detail = switch (event.reason()) {
                case BREAKPOINT -> DebugEvent.BREAKPOINT;
                case STEP -> DebugEvent.STEP_END;
                case PAUSE, TIME_LIMIT, HELD -> DebugEvent.CLIENT_REQUEST;
            };
            CpuThread stoppedThread = threads[event.cpu() == null ? 0 : event.cpu()];
            fireChangeEvent(DebugEvent.CONTENT);
            if (event.reason() != StopKind.HELD) {
                stoppedThread.fireSuspendEvent(detail);
            }
            if (event.reason() == StopKind.PAUSE) {
                fireSuspendEvent(detail);
            }
        });
    }

    /**
     * The Java debugger is about to hold the machine (a {@link StopKind#HELD} stop follows): the
     * selected element stays the Java frame, no CPU thread fires a suspend event, and Resume on
     * the kernel lets the Java threads go on.
     *
     * @param resumeJava resumes the stopped Java threads
     */
    public void holdBy(Runnable resumeJava) {
        heldBy = resumeJava;
    }

    /** The Java debugger let go of the machine: it runs again. */
    public void released() {
        if (heldBy != null) {
            heldBy = null;
            resumed(DebugEvent.CLIENT_REQUEST);
        }
    }

    /**
     * Called when the simulation reached its end: from then on the name says when.
     *
     * @param endNs simulated time at the end
     */
    public void ended(long endNs) {
        timeNs = endNs;
        ended = true;
        fireChangeEvent(DebugEvent.STATE);
    }

    /** Called when the simulation ended or the simulator went away. */
    public void exited() {
        if (terminated) {
            return;
        }
        terminated = true;
        suspended = false;
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpointListener(this);
        fireTerminateEvent();
    }

    /** @return the thread of one CPU */
    public CpuThread thread(int cpu) {
        return threads[cpu];
    }

    /** @return simulated time at the last stop */
    public long timeNs() {
        return timeNs;
    }

    @Override
    public String getName() {
        return NLS.bind(ended ? Messages.Model_targetEnded : Messages.Model_targetName, threads.length,
                KernelVariables.seconds(timeNs));
    }

    @Override
    public IProcess getProcess() {
        return process;
    }

    @Override
    public IThread[] getThreads() {
        return terminated ? new IThread[0] : threads.clone();
    }

    @Override
    public boolean hasThreads() {
        return !terminated;
    }

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return breakpoint instanceof KernelEventBreakpoint;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() throws DebugException {
        process.terminate();
        exited();
    }

    @Override
    public boolean canResume() {
        return suspended && !terminated && !disconnected;
    }

    @Override
    public boolean canSuspend() {
        return !suspended && !terminated && !disconnected;
    }

    @Override
    public boolean isSuspended() {
        return suspended && !terminated;
    }

    boolean isStepping() {
        return stepping;
    }

    @Override
    public void resume() {
        Runnable java = heldBy;
        if (java != null) {
            java.run();
            return;
        }
        server.resume(new ResumeParams(null));
        resumed(DebugEvent.CLIENT_REQUEST);
    }

    @Override
    public void suspend() {
        server.pause();
    }

    /** A step while the Java debugger holds the machine does nothing: the Java thread steps in its own frames. */
    void step(CpuThread thread, StepKind kind, int detail) {
        if (heldBy != null) {
            return;
        }
        stepping = true;
        server.step(new StepParams(kind, thread.cpu()));
        suspended = false;
        thread.fireResumeEvent(detail);
    }

    private void resumed(int detail) {
        suspended = false;
        fireResumeEvent(detail);
    }

    @Override
    public boolean canDisconnect() {
        return !terminated && !disconnected;
    }

    /** Stops debugging: the simulation drops the breakpoints and runs on to its end, printing to the Console. */
    @Override
    public void disconnect() {
        disconnected = true;
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpointListener(this);
        server.setBreakpoints(new SetBreakpointsParams(List.of())).thenRun(this::resume);
        fireChangeEvent(DebugEvent.STATE);
    }

    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public boolean supportsStorageRetrieval() {
        return false;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        return null;
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        breakpointsChanged(breakpoint);
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpointsChanged(breakpoint);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpointsChanged(breakpoint);
    }

    private void breakpointsChanged(IBreakpoint breakpoint) {
        if (supportsBreakpoint(breakpoint) && !terminated && !disconnected) {
            installBreakpoints();
        }
    }

    /** Sends every KernelLab breakpoint (enabled or not) to the simulator, numbered from 1. */
    private synchronized CompletableFuture<Void> installBreakpoints() {
        installed.clear();
        List<BreakpointSpec> specs = new ArrayList<>();
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(MODEL_ID)) {
            if (b instanceof KernelEventBreakpoint event && b.getMarker() != null && b.getMarker().exists()) {
                int id = specs.size() + 1;
                try {
                    specs.add(event.spec(id));
                    installed.put(id, event);
                } catch (CoreException e) {
                    ILog.of(KernelDebugTarget.class).log(e.getStatus());
                }
            }
        }
        return server.setBreakpoints(new SetBreakpointsParams(specs)).thenApply(statuses -> null);
    }
}
