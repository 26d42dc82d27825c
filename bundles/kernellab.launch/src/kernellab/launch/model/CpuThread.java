package kernellab.launch.model;

import java.util.List;

import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.StepKind;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;

/**
 * One simulated CPU as a debug thread, labelled with what it runs
 * ({@code CPU 2: hog [17] SCHED_WRR w=5, slice 30 ms left}). Its only stack frame is the last
 * event on that CPU. Step Into runs to the CPU's next event, Step Over to its next context
 * switch, Step Return until the current task leaves the CPU (its next switch as well).
 */
public final class CpuThread extends KernelDebugElement implements IThread {

    private final int cpu;
    private volatile CpuRunQueue runQueue;
    private volatile String stopDescription;
    private volatile List<IBreakpoint> hitBreakpoints = List.of();

    CpuThread(KernelDebugTarget target, int cpu) {
        super(target);
        this.cpu = cpu;
    }

    /** @return the CPU number */
    public int cpu() {
        return cpu;
    }

    /** @return the run queue at the last stop, or {@code null} before the first */
    public CpuRunQueue runQueue() {
        return runQueue;
    }

    void update(CpuRunQueue rq, String description, List<IBreakpoint> hits) {
        runQueue = rq;
        stopDescription = description;
        hitBreakpoints = List.copyOf(hits);
    }

    @Override
    public String getName() {
        CpuRunQueue rq = runQueue;
        String runs = rq == null ? "" : rq.curr() == null ? ": idle" : ": " + KernelVariables.label(rq.curr());
        String state = isTerminated() ? "" : !isSuspended() ? " (Running)"
                : stopDescription != null ? " (Suspended: " + stopDescription + ")" : " (Suspended)";
        return "CPU " + cpu + runs + state;
    }

    @Override
    public IStackFrame[] getStackFrames() {
        CpuRunQueue rq = runQueue;
        return isSuspended() && rq != null ? new IStackFrame[] {new CpuStackFrame(this, rq)} : new IStackFrame[0];
    }

    @Override
    public boolean hasStackFrames() {
        return getStackFrames().length > 0;
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() {
        IStackFrame[] frames = getStackFrames();
        return frames.length == 0 ? null : frames[0];
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return isSuspended() ? hitBreakpoints.toArray(IBreakpoint[]::new) : new IBreakpoint[0];
    }

    @Override
    public boolean canResume() {
        return kernel().canResume();
    }

    @Override
    public boolean canSuspend() {
        return kernel().canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return kernel().isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        kernel().resume();
    }

    @Override
    public void suspend() throws DebugException {
        kernel().suspend();
    }

    @Override
    public boolean canStepInto() {
        return isSuspended();
    }

    @Override
    public boolean canStepOver() {
        return isSuspended();
    }

    @Override
    public boolean canStepReturn() {
        return isSuspended();
    }

    @Override
    public boolean isStepping() {
        return kernel().isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        kernel().step(this, StepKind.EVENT_ON_CPU, DebugEvent.STEP_INTO);
    }

    @Override
    public void stepOver() throws DebugException {
        kernel().step(this, StepKind.SWITCH_ON_CPU, DebugEvent.STEP_OVER);
    }

    @Override
    public void stepReturn() throws DebugException {
        kernel().step(this, StepKind.SWITCH_ON_CPU, DebugEvent.STEP_RETURN);
    }

    @Override
    public boolean canTerminate() {
        return kernel().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return kernel().isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        kernel().terminate();
    }
}
