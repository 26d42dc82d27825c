package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSession;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.sched.RunQueuesView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Run mode (no debug target): the Run Queues view finds the running simulation by itself, follows
 * it while it runs, and keeps its last state, marked as ended, when the simulation is terminated.
 */
class KernelViewsLiveTest {

    private ILaunch launch;

    @AfterEach
    void endTheSimulation() throws Exception {
        if (launch != null && launch.canTerminate()) {
            launch.terminate();
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    @Test
    void followsARunningSimulationAndKeepsItsLastStateWhenItEnds() throws Exception {
        Workbench.waitFor(() -> SimulationSession.all().isEmpty(), 10_000, "earlier simulations to end");
        IJavaProject project = WorkloadProjects.create("live-workloads",
                "public class Spinner implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        while (true) {\n            sys.compute(1_000_000L);\n        }\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Spinner")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "2");
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        RunQueuesView view = (RunQueuesView) page.showView(RunQueuesView.ID);
        launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.RUN_MODE);

        Workbench.waitFor(() -> view.shown().isPresent() && view.shown().get().timeNs() > 0, 60_000,
                "a snapshot of the running simulation");
        assertEquals(launch, view.session().orElseThrow().launch(), "the most recent simulation is shown");
        long first = view.shown().get().timeNs();
        Workbench.waitFor(() -> view.shown().get().timeNs() > first, 30_000, "a later snapshot while it runs");
        assertTrue(view.getContentDescription().endsWith("(running)"), view.getContentDescription());
        assertEquals(1, view.shown().get().cpus().stream().filter(rq -> rq.curr() != null).count(),
                "one Spinner runs on one of the two CPUs");

        launch.terminate();
        Workbench.waitFor(() -> Arrays.stream(launch.getProcesses()).allMatch(p -> p.isTerminated())
                && view.getContentDescription().endsWith("(ended)"), 10_000, "the view to mark the simulation ended");
        assertFalse(view.isEmptyStateShown(), "the last state stays on screen");
    }
}
