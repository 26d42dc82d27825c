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
import kernellab.runner.protocol.SimulationReport;
import kernellab.runner.protocol.StoppedEvent;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchListener;

/**
 * A KernelLab simulation as the IDE's views see it: the connected simulator to ask for
 * snapshots, the machine's size, and its notifications (event batches while running, stops,
 * the end). One per launch, from the moment the machine is booted; after the connection ends it
 * stays, with the run's report, until the launch is removed from the Debug view.
 */
public final class SimulationSession {

    private static final Map<ILaunch, SimulationSession> SESSIONS = new ConcurrentHashMap<>();

    static {
        DebugPlugin.getDefault().getLaunchManager().addLaunchListener(new ILaunchListener() {
            @Override
            public void launchRemoved(ILaunch launch) {
                SESSIONS.remove(launch);
            }

            @Override
            public void launchAdded(ILaunch launch) {
            }

            @Override
            public void launchChanged(ILaunch launch) {
            }
        });
    }

    /** What a session tells its listeners; called on the connection's thread, never the UI thread. */
    public interface Listener {
        /**
         * The simulation moved: events were recorded since the last batch. The batch carries none
         * of them (the IDE launches with no {@link kernellab.runner.protocol.LaunchParams#pushedEvents()
         * pushedEvents}), only how far the trace went; {@link KernelLabServer#traceEvents} reads them.
         */
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
    private volatile SimulationReport report;
    private volatile boolean ended;

    SimulationSession(ILaunch launch, KernelLabServer server, int cpus, SimulationProcess process) {
        this.launch = launch;
        this.server = server;
        this.cpus = cpus;
        this.process = process;
    }

    /** @return the session of a launch, if it is a KernelLab simulation (connected or ended) */
    public static Optional<SimulationSession> of(ILaunch launch) {
        return Optional.ofNullable(launch == null ? null : SESSIONS.get(launch));
    }

    /** @return every connected session */
    public static List<SimulationSession> all() {
        return SESSIONS.values().stream().filter(s -> !s.ended).toList();
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

    /** @return the run's report, once the simulation reached its end */
    public Optional<SimulationReport> report() {
        return Optional.ofNullable(report);
    }

    void fireExited(ExitedEvent event) {
        report = event.report();
        listeners.forEach(l -> l.exited(event));
    }

    void end() {
        if (!ended) {
            ended = true;
            listeners.forEach(Listener::ended);
        }
    }
}
