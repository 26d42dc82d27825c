package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import kernellab.launch.SimulationLaunchDelegate;
import kernellab.launch.SimulationProcess;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.ui.launch.SimulationLaunchShortcut;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.jdt.core.IJavaProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Run As > KernelLab Simulation through the real launch delegate: a simulator JVM starts, the IDE
 * connects to it, and the Console shows what the simulated tasks print and the run's report.
 */
class SimulationLaunchTest {

    private static IJavaProject project;
    private ILaunch launch;

    @BeforeAll
    static void createWorkloadProject() throws Exception {
        project = WorkloadProjects.create("launch-workloads",
                "public class Hello implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        sys.print(\"hello from pid \" + sys.getpid() + \"\\n\");\n"
                        + "        sys.compute(5_000_000L);\n    }\n}\n",
                "public class Spinner implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        while (true) {\n            sys.compute(1_000_000L);\n        }\n    }\n}\n",
                "public class Echo implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        sys.print(sys.argv().size() + \" arguments: \" + String.join(\"|\", sys.argv()) + \"\\n\");\n"
                        + "    }\n}\n");
    }

    @AfterEach
    void endLaunchAndDeleteConfigurations() throws Exception {
        if (launch != null && launch.canTerminate()) {
            launch.terminate();
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    @Test
    void runModeShowsTheTasksOutputAndTheReportInTheConsole() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hello"));
        launch = Workbench.launchInBackground(configuration, ILaunchManager.RUN_MODE);

        SimulationProcess simulation = simulationOf(launch);
        Workbench.waitFor(simulation::isTerminated, 60_000, "the simulation to end");
        String output = simulation.getStreamsProxy().getOutputStreamMonitor().getContents();
        assertTrue(output.matches("(?s)\\[Hello (\\d+)\\] hello from pid \\1\n.*"), output);
        assertTrue(output.matches("(?s).*\nHello \\[\\d+\\]: exit status 0, CPU time 0\\.005 s, .*"), output);
        assertTrue(output.contains("Simulation ended (all workloads exited)"), output);
        Workbench.waitFor(() -> Arrays.stream(launch.getProcesses()).allMatch(IProcess::isTerminated), 10_000,
                "the simulator JVM to exit");
        for (IProcess process : launch.getProcesses()) {
            String console = process.getStreamsProxy() == null ? "" : process.getStreamsProxy().getOutputStreamMonitor().getContents();
            assertFalse(console.contains(KernelLabProtocol.PORT_ANNOUNCEMENT), process.getLabel() + "'s Console: " + console);
        }
    }

    /** The Arguments column of the Workloads tab reaches the program's argv, word by word. */
    @Test
    void theWorkloadsArgumentsReachTheProgram() throws Exception {
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Echo"))
                .getWorkingCopy();
        SimulationSettings.writeWorkloads(wc, List.of(WorkloadRow.of("demo.Echo").with(WorkloadRow.Field.ARGUMENTS,
                " use-after-free  2 x "), WorkloadRow.of("demo.Echo")));
        launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.RUN_MODE);

        SimulationProcess simulation = simulationOf(launch);
        Workbench.waitFor(simulation::isTerminated, 60_000, "the simulation to end");
        String output = simulation.getStreamsProxy().getOutputStreamMonitor().getContents();
        assertTrue(output.contains("] 3 arguments: use-after-free|2|x\n"), output);
        assertTrue(output.contains("] 0 arguments: \n"), output);
    }

    @Test
    void killingTheSimulatorJvmEndsTheSimulation() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Spinner"));
        launch = Workbench.launchInBackground(configuration, ILaunchManager.RUN_MODE);
        SimulationProcess simulation = simulationOf(launch);
        IProcess jvm = Arrays.stream(launch.getProcesses()).filter(p -> p != simulation).findFirst().orElseThrow();
        assertTrue(!simulation.isTerminated(), "a spinning workload never ends by itself");

        jvm.terminate();
        Workbench.waitFor(simulation::isTerminated, 5_000, "the simulation to end after its JVM was killed");
    }

    /**
     * lsp4j never answers a request whose answer cannot come any more; a view waiting for such a
     * snapshot would never refresh again. The simulator JVM is frozen (SIGSTOP) so a request stays
     * unanswered, then killed: the request must fail, and so must any request made afterwards.
     */
    @Test
    void aRequestTheDeadSimulatorCannotAnswerFails() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Spinner"));
        launch = Workbench.launchInBackground(configuration, ILaunchManager.RUN_MODE);
        SimulationProcess simulation = simulationOf(launch);
        IProcess jvm = Arrays.stream(launch.getProcesses()).filter(p -> p != simulation).findFirst().orElseThrow();
        SimulationSession session = SimulationSession.of(launch).orElseThrow();
        String pid = jvm.getAttribute(IProcess.ATTR_PROCESS_ID);
        assertEquals(0, new ProcessBuilder("kill", "-STOP", pid).start().waitFor(), "SIGSTOP " + pid);

        CompletableFuture<?> unanswered = session.server().tasks();
        Thread.sleep(200);
        assertFalse(unanswered.isDone(), "a frozen simulator answers nothing");
        assertEquals(0, new ProcessBuilder("kill", "-KILL", pid).start().waitFor(), "SIGKILL " + pid);
        Workbench.waitFor(unanswered::isDone, 5_000, "the unanswered request to fail once the simulator is gone");
        Throwable failure = unanswered.handle((answer, error) -> error).get();
        assertEquals("The simulation is over: the simulator can no longer answer.", failure.getMessage());
        assertTrue(session.server().runQueues().isCompletedExceptionally(), "a request after the end fails at once");
    }

    @Test
    void theSimulatorRunsFromTheInstalledBundles() throws Exception {
        for (String entry : SimulationLaunchDelegate.simulatorClasspath()) {
            assertTrue(new File(entry).exists(), entry);
        }
    }

    private static SimulationProcess simulationOf(ILaunch launch) throws InterruptedException {
        Workbench.waitFor(() -> Arrays.stream(launch.getProcesses()).anyMatch(SimulationProcess.class::isInstance), 60_000,
                "the simulation process");
        return (SimulationProcess) Arrays.stream(launch.getProcesses()).filter(SimulationProcess.class::isInstance)
                .findFirst().orElseThrow();
    }
}
