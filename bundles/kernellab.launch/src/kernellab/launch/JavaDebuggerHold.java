package kernellab.launch;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import kernellab.launch.model.KernelDebugTarget;
import kernellab.runner.protocol.HoldParams;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.StoppedEvent;

import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IThread;

/**
 * Keeps the simulated kernel in step with the Java debugger of the same launch. When a thread of
 * the simulator JVM stops (a breakpoint in a workload, or in a hook of the student's scheduling
 * class such as its {@code pickNext}), the machine stands still where that code is, between two
 * kernel operations, and the simulation thread cannot answer: this tells the simulator
 * ({@link KernelLabServer#hold}), which then answers snapshots from the frozen machine, and
 * marks the kernel's debug target suspended there, so the Run Queues view and the CPU frames'
 * variables show the state at that hook. When the last stopped thread goes on, the hold ends and
 * the target runs again. Implicit evaluations (hovers, the Variables view's details) do not count.
 */
final class JavaDebuggerHold implements IDebugEventSetListener {

    private final ILaunch launch;
    private final KernelLabServer server;
    private final KernelDebugTarget target;
    private final Consumer<StoppedEvent> stopped;
    /** The stopped Java threads of the launch; guarded by {@code this}. */
    private final Set<IThread> suspended = new HashSet<>();
    /** Counts holds and releases, so the answer of a hold that was released meanwhile is dropped; guarded by {@code this}. */
    private long generation;

    private JavaDebuggerHold(ILaunch launch, KernelLabServer server, KernelDebugTarget target, Consumer<StoppedEvent> stopped) {
        this.launch = launch;
        this.server = server;
        this.target = target;
        this.stopped = stopped;
    }

    /**
     * Starts following the Java threads of {@code launch}.
     *
     * @param stopped where the stop of a hold goes (the target and the views, as a simulator's stop)
     * @return the listener; {@link #dispose} it when the simulation ends
     */
    static JavaDebuggerHold install(ILaunch launch, KernelLabServer server, KernelDebugTarget target,
            Consumer<StoppedEvent> stopped) {
        JavaDebuggerHold hold = new JavaDebuggerHold(launch, server, target, stopped);
        DebugPlugin.getDefault().addDebugEventListener(hold);
        return hold;
    }

    void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent event : events) {
            if (event.getSource() instanceof IThread thread && thread.getLaunch() == launch
                    && !(thread.getDebugTarget() instanceof KernelDebugTarget) && !event.isEvaluation()) {
                switch (event.getKind()) {
                    case DebugEvent.SUSPEND -> suspended(thread);
                    case DebugEvent.RESUME, DebugEvent.TERMINATE -> resumed(thread);
                    default -> {
                        // labels and content changes do not move the machine
                    }
                }
            }
        }
    }

    private synchronized void suspended(IThread thread) {
        if (!suspended.add(thread) || suspended.size() > 1) {
            return;
        }
        long asked = ++generation;
        target.holdBy(this::resumeJavaThreads);
        server.hold(new HoldParams(true)).thenAccept(event -> {
            synchronized (this) {
                if (asked != generation) {
                    return;
                }
            }
            stopped.accept(event);
        });
    }

    private synchronized void resumed(IThread thread) {
        if (!suspended.remove(thread) || !suspended.isEmpty()) {
            return;
        }
        generation++;
        server.hold(new HoldParams(false));
        target.released();
    }

    /** Resume on the kernel's target while held: lets every stopped Java thread of the launch go on. */
    private void resumeJavaThreads() {
        IThread[] threads;
        synchronized (this) {
            threads = suspended.toArray(IThread[]::new);
        }
        for (IThread thread : threads) {
            try {
                if (thread.canResume()) {
                    thread.resume();
                }
            } catch (DebugException e) {
                ILog.of(JavaDebuggerHold.class).log(e.getStatus());
            }
        }
    }
}
