package kernellab.launch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import kernellab.launch.model.KernelDebugTarget;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.StoppedEvent;

import org.eclipse.debug.core.ILaunch;

/**
 * A running KernelLab simulation as the IDE's views see it: the connected simulator to ask for
 * snapshots, the machine's size, and its notifications (event batches while running, stops,
 * the end). One per launch, from the moment the machine is booted until the connection ends.
 */
public final class SimulationSession {

    private static final Map<ILaunch, SimulationSession> SESSIONS = new ConcurrentHashMap<>();

    /** What a session tells its listeners; called on the connection's thread, never the UI thread. */
    public interface Listener {
        /** Trace events recorded since the last batch. */
        default void events(EventBatch batch) {
        }

        /** The simulation stopped at a breakpoint, a step or a pause. */
        default void stopped(StoppedEvent event) {
        }

        /** The simulation reached its end; snapshots still answer until the session ends. */
        default void exited(ExitedEvent event) {
        }

        /** The connection is gone: no more requests. */
        default void ended() {
        }
    }

    private final ILaunch launch;
    private final KernelLabServer server;
    private final int cpus;
    private final SimulationProcess process;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile KernelDebugTarget target;
    private volatile boolean ended;

    SimulationSession(ILaunch launch, KernelLabServer server, int cpus, SimulationProcess process) {
        this.launch = launch;
        this.server = server;
        this.cpus = cpus;
        this.process = process;
    }

    /** @return the session of a launch, if it is a KernelLab simulation that is still connected */
    public static Optional<SimulationSession> of(ILaunch launch) {
        return Optional.ofNullable(launch == null ? null : SESSIONS.get(launch));
    }

    /** @return every connected session */
    public static List<SimulationSession> all() {
        return List.copyOf(SESSIONS.values());
    }

    void register() {
        SESSIONS.put(launch, this);
    }

    /** @return the launch */
    public ILaunch launch() {
        return launch;
    }

    /** @return the simulator, for snapshot requests */
    public KernelLabServer server() {
        return server;
    }

    /** @return the number of simulated CPUs */
    public int cpus() {
        return cpus;
    }

    /** @return the simulation's process (its Console) */
    public SimulationProcess process() {
        return process;
    }

    /** @return the simulated kernel's debug target, in debug mode */
    public Optional<KernelDebugTarget> target() {
        return Optional.ofNullable(target);
    }

    void setTarget(KernelDebugTarget debugTarget) {
        target = debugTarget;
    }

    /** @return whether the connection has ended */
    public boolean isEnded() {
        return ended;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    void fireEvents(EventBatch batch) {
        listeners.forEach(l -> l.events(batch));
    }

    void fireStopped(StoppedEvent event) {
        listeners.forEach(l -> l.stopped(event));
    }

    void fireExited(ExitedEvent event) {
        listeners.forEach(l -> l.exited(event));
    }

    void end() {
        if (!ended) {
            ended = true;
            SESSIONS.remove(launch, this);
            listeners.forEach(Listener::ended);
        }
    }
}
