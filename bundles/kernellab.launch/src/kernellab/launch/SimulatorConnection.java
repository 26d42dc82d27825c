package kernellab.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kernellab.launch.internal.Messages;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.ExportTraceParams;
import kernellab.runner.protocol.KernelLabClient;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.LaunchResult;
import kernellab.runner.protocol.LogLine;
import kernellab.runner.protocol.OutputLine;
import kernellab.runner.protocol.ProtocolVersionException;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.runner.protocol.TaskReport;
import kernellab.runner.protocol.TraceFormat;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.osgi.util.NLS;

/**
 * The IDE's end of one simulation: finds the port the simulator writes to its {@link PortFile}, connects over loopback, authenticates with the launch's secret, boots the machine and
 * lets it run, and turns the simulator's notifications into the {@link SimulationProcess}'s
 * Console output. When the connection drops, the simulation and the simulator JVM end.
 */
final class SimulatorConnection implements KernelLabClient {

    private static final long PORT_TIMEOUT_MS = 60_000;
    private static final long REQUEST_TIMEOUT_MS = 30_000;
    /** How long a simulator JVM that closed its connection may take to exit before it is terminated. */
    private static final long EXIT_GRACE_MS = 2_000;

    private final IProcess simulatorJvm;
    private final SimulationSettings settings;
    private KernelLabServer server;
    private SimulationProcess process;
    private KernelDebugTarget target;
    private SimulationSession session;
    private JavaDebuggerHold javaHold;
    /** Whether the simulation reached its end (then a closing connection is expected). */
    private volatile boolean finished;

    private SimulatorConnection(IProcess simulatorJvm, SimulationSettings settings) {
        this.simulatorJvm = simulatorJvm;
        this.settings = settings;
    }

    /**
     * Connects to the simulator started as {@code simulatorJvm}, boots {@code params} and resumes
     * it; in debug mode the simulated kernel also becomes a debug target of the launch, with the
     * KernelLab event breakpoints installed before the first event.
     */
    static void open(ILaunch launch, String name, IProcess simulatorJvm, PortFile portFile, String secret, LaunchParams params,
            SimulationSettings settings, boolean debug) throws CoreException {
        SimulatorConnection connection = new SimulatorConnection(simulatorJvm, settings);
        try {
            int port = portFile.await(simulatorJvm);
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(connection, socket.getInputStream(),
                    socket.getOutputStream());
            Future<Void> listening = launcher.startListening();
            connection.server = PendingRequests.track(launcher.getRemoteProxy());
            KernelLabProtocol.hello(connection.server, secret, "KernelLab IDE", REQUEST_TIMEOUT_MS);
            connection.process = new SimulationProcess(launch, NLS.bind(Messages.Launch_processLabel, name), simulatorJvm,
                    connection::terminate);
            launch.addProcess(connection.process);
            watchConnection(connection, listening, socket);
            LaunchResult booted = connection.server.launch(params).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            connection.session = new SimulationSession(launch, connection.server, booted.cpus(), connection.process);
            connection.session.register();
            if (debug) {
                connection.target = new KernelDebugTarget(launch, connection.process, connection.server, booted.cpus());
                connection.session.setTarget(connection.target);
                addFirst(launch, connection.target);
                connection.javaHold = JavaDebuggerHold.install(launch, connection.server, connection.target,
                        connection::stopped);
                connection.target.start().get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } else {
                connection.server.resume(new ResumeParams(null)).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | ProtocolVersionException | TimeoutException | ExecutionException | InterruptedException e) {
            terminateQuietly(simulatorJvm);
            String stderr = simulatorJvm.getStreamsProxy() == null ? ""
                    : simulatorJvm.getStreamsProxy().getErrorStreamMonitor().getContents().strip();
            throw new CoreException(Status.error(NLS.bind(Messages.Launch_connectFailed,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), stderr), e));
        }
    }

    /**
     * Adds the simulated kernel as the launch's first debug target, before the simulator JVM's
     * Java target, so that the Debug view lists the kernel and its CPUs first.
     */
    private static void addFirst(ILaunch launch, IDebugTarget kernel) {
        IDebugTarget[] jvm = launch.getDebugTargets();
        for (IDebugTarget t : jvm) {
            launch.removeDebugTarget(t);
        }
        launch.addDebugTarget(kernel);
        for (IDebugTarget t : jvm) {
            launch.addDebugTarget(t);
        }
    }

    /** Ends the simulation (and with it the simulator JVM) as soon as the connection drops. */
    private static void watchConnection(SimulatorConnection connection, Future<Void> listening, Socket socket) {
        Thread watcher = new Thread(() -> {
            try {
                listening.get();
            } catch (ExecutionException | InterruptedException e) {
                // the connection ended either way
            }
            closeQuietly(socket);
            if (!connection.process.isTerminated() && !connection.finished) {
                connection.process.kernelLog(connection.simulatorJvm.isTerminated() ? Messages.Launch_simulatorDied
                        : Messages.Launch_connectionLost);
            }
            PendingRequests.connectionEnded(connection.server);
            if (connection.session != null) {
                connection.session.end();
            }
            if (connection.javaHold != null) {
                connection.javaHold.dispose();
            }
            if (connection.target != null) {
                connection.target.exited();
            }
            connection.process.exited(connection.process.isTerminated() ? 0 : 1);
            awaitExit(connection.simulatorJvm);
            terminateQuietly(connection.simulatorJvm);
        }, "KernelLab simulator connection");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Asks the simulator to end; it answers, closes the connection and exits. */
    private void terminate() {
        try {
            server.terminate().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            terminateQuietly(simulatorJvm);
        }
    }

    @Override
    public void output(OutputLine line) {
        process.taskOutput("[" + line.comm() + " " + line.pid() + "] " + line.text());
    }

    @Override
    public void log(LogLine line) {
        process.kernelLog(line.text());
    }

    @Override
    public void stopped(StoppedEvent event) {
        if (target != null) {
            target.stopped(event);
        }
        if (session != null) {
            session.fireStopped(event);
        }
    }

    @Override
    public void events(EventBatch batch) {
        if (session != null) {
            session.fireEvents(batch);
        }
    }

    @Override
    public void exited(ExitedEvent event) {
        finished = true;
        if (session != null) {
            session.fireExited(event);
        }
        if (target != null) {
            target.ended(event.report().timeNs());
        }
        int status = 0;
        for (TaskReport task : event.report().tasks()) {
            process.taskOutput(summary(task));
            if (task.exitStatus() != null && task.exitStatus() != 0) {
                status = 1;
            }
        }
        process.taskOutput(NLS.bind(Messages.Launch_exited, event.reason(), seconds(event.report().timeNs())));
        if (settings.traceRecord() && !settings.traceFile().isBlank()) {
            TraceFormat format = TraceFormat.valueOf(settings.traceFormat().toUpperCase(Locale.ROOT));
            server.exportTrace(new ExportTraceParams(settings.traceFile(), format))
                    .thenAccept(r -> process.taskOutput(NLS.bind(Messages.Launch_traceWritten, settings.traceFile())));
        }
        int exitStatus = status;
        if (target != null) {
            target.exited();
        }
        server.terminate().whenComplete((r, e) -> process.exited(exitStatus));
    }

    private static String summary(TaskReport t) {
        return NLS.bind(Messages.Launch_taskSummary, new Object[] {t.comm(), t.pid(),
                t.exitStatus() == null ? "-" : t.exitStatus().toString(), seconds(t.cpuTimeNs()), seconds(t.waitTimeNs()),
                t.turnaroundNs() < 0 ? "-" : seconds(t.turnaroundNs())});
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    /**
     * Gives the simulator JVM up to {@link #EXIT_GRACE_MS} to exit by itself, as it does after
     * closing the connection. Terminating a JVM that is already exiting races with the Console's
     * reader: RuntimeProcess.terminate destroys the process, which closes its output streams,
     * before it tells their readers, so a reader may log "Stream closed" as an error.
     */
    private static void awaitExit(IProcess simulatorJvm) {
        long deadline = System.currentTimeMillis() + EXIT_GRACE_MS;
        while (!simulatorJvm.isTerminated() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void terminateQuietly(IProcess process) {
        try {
            if (process.canTerminate()) {
                process.terminate();
            }
        } catch (DebugException e) {
            // already gone
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
