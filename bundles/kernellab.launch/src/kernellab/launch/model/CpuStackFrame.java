package kernellab.launch.model;

import kernellab.runner.protocol.CpuRunQueue;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

/**
 * What a CPU was doing at the stop: named after its last trace event; its variables are the
 * CPU's run queue, its current task_struct and the event's fields.
 */
final class CpuStackFrame extends KernelDebugElement implements IStackFrame {

    private final CpuThread thread;
    private final CpuRunQueue runQueue;

    CpuStackFrame(CpuThread thread, CpuRunQueue runQueue) {
        super(thread.getDebugTarget());
        this.thread = thread;
        this.runQueue = runQueue;
    }

    @Override
    public String getName() {
        return runQueue.lastEvent() == null ? "CPU " + runQueue.cpu() + " (no event yet)"
                : KernelVariables.seconds(runQueue.lastEvent().timeNs()) + " " + KernelVariables.describe(runQueue.lastEvent());
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public IVariable[] getVariables() {
        return KernelVariables.ofCpu(getDebugTarget(), runQueue).toArray(IVariable[]::new);
    }

    @Override
    public boolean hasVariables() {
        return true;
    }

    @Override
    public int getLineNumber() {
        return -1;
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() {
        return new IRegisterGroup[0];
    }

    @Override
    public boolean hasRegisterGroups() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CpuStackFrame f && f.thread == thread && f.runQueue == runQueue;
    }

    @Override
    public int hashCode() {
        return thread.hashCode() * 31 + System.identityHashCode(runQueue);
    }

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    @Override
    public boolean canStepReturn() {
        return thread.canStepReturn();
    }

    @Override
    public boolean isStepping() {
        return thread.isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        thread.stepInto();
    }

    @Override
    public void stepOver() throws DebugException {
        thread.stepOver();
    }

    @Override
    public void stepReturn() throws DebugException {
        thread.stepReturn();
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }
}
