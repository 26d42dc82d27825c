package kernellab.launch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.eclipse.debug.core.model.IStreamsProxy2;

/**
 * The simulated machine as a process of the launch, so the Console shows it: its standard output
 * is what the simulated tasks print (each line prefixed with the task's {@code [comm pid]}), its
 * standard error is the kernel log as dmesg prints it, in the Console's error colour. Terminating
 * it ends the simulation and the simulator JVM.
 */
public final class SimulationProcess implements IProcess {

    private final ILaunch launch;
    private final String label;
    private final IProcess simulatorJvm;
    private final Runnable terminateSimulation;
    private final LineMonitor taskOutput = new LineMonitor();
    private final LineMonitor kernelLog = new LineMonitor();
    private final Map<String, String> attributes = new HashMap<>();
    private volatile int exitValue = -1;
    private volatile boolean terminated;

    /**
     * @param terminateSimulation asks the simulator to end; called once, from {@link #terminate()}
     */
    SimulationProcess(ILaunch launch, String label, IProcess simulatorJvm, Runnable terminateSimulation) {
        this.launch = launch;
        this.label = label;
        this.simulatorJvm = simulatorJvm;
        this.terminateSimulation = terminateSimulation;
        attributes.put(IProcess.ATTR_PROCESS_TYPE, "kernellab.simulation");
    }

    /** Shows a line a simulated task wrote. */
    void taskOutput(String line) {
        taskOutput.append(line.endsWith("\n") ? line : line + "\n");
    }

    /** Shows a kernel log line. */
    void kernelLog(String line) {
        kernelLog.append(line.endsWith("\n") ? line : line + "\n");
    }

    /** Marks the simulation ended with {@code status} (0 when every workload exited normally). */
    void exited(int status) {
        if (terminated) {
            return;
        }
        exitValue = status;
        terminated = true;
        DebugPlugin.getDefault().fireDebugEventSet(new DebugEvent[] {new DebugEvent(this, DebugEvent.TERMINATE)});
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return streams;
    }

    @Override
    public void setAttribute(String key, String value) {
        attributes.put(key, value);
    }

    @Override
    public String getAttribute(String key) {
        return attributes.get(key);
    }

    @Override
    public int getExitValue() throws DebugException {
        if (!terminated) {
            throw new DebugException(Status.error("The simulation is still running"));
        }
        return exitValue;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(this) ? adapter.cast(this) : null;
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
        if (terminated) {
            return;
        }
        terminateSimulation.run();
        simulatorJvm.terminate();
        exited(exitValue);
    }

    private final IStreamsProxy2 streams = new IStreamsProxy2() {
        @Override
        public IStreamMonitor getOutputStreamMonitor() {
            return taskOutput;
        }

        @Override
        public IStreamMonitor getErrorStreamMonitor() {
            return kernelLog;
        }

        @Override
        public void write(String input) {
            // the simulated tasks have no terminal to read from
        }

        @Override
        public void closeInputStream() {
        }
    };

    /** A stream the Console listens to, fed line by line. */
    private static final class LineMonitor implements IStreamMonitor {
        private final List<IStreamListener> listeners = new CopyOnWriteArrayList<>();
        private final StringBuilder contents = new StringBuilder();

        void append(String text) {
            synchronized (contents) {
                contents.append(text);
            }
            for (IStreamListener listener : listeners) {
                listener.streamAppended(text, this);
            }
        }

        @Override
        public void addListener(IStreamListener listener) {
            listeners.add(listener);
        }

        @Override
        public String getContents() {
            synchronized (contents) {
                return contents.toString();
            }
        }

        @Override
        public void removeListener(IStreamListener listener) {
            listeners.remove(listener);
        }
    }
}
