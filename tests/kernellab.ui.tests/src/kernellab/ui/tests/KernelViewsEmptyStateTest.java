package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.memory.BuddyView;
import kernellab.ui.memory.SlabinfoView;
import kernellab.ui.sched.CpuTimelineView;
import kernellab.ui.sched.RunQueuesView;
import kernellab.ui.views.SimulationView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ISetSelectionTarget;
import org.junit.jupiter.api.Test;

/** Without a simulation every KernelLab view says how to start one, and offers the link that does it. */
class KernelViewsEmptyStateTest {

    @Test
    void everyViewSaysHowToStartASimulation() throws Exception {
        Workbench.waitFor(() -> SimulationSession.all().isEmpty(), 10_000, "earlier simulations to end");
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        Map<String, String> subjects = Map.of(RunQueuesView.ID, "the run queues of the simulated CPUs",
                CpuTimelineView.ID, "what each simulated CPU ran over time", SlabinfoView.ID, "the slab caches", BuddyView.ID,
                "the buddy allocator's free lists");
        for (IViewReference reference : page.getViewReferences()) {
            if (subjects.containsKey(reference.getId())) {
                page.hideView(reference);
            }
        }
        for (var entry : subjects.entrySet()) {
            SimulationView<?> view = (SimulationView<?>) page.showView(entry.getKey());
            while (Display.getCurrent().readAndDispatch()) {
                // lay out
            }
            assertTrue(view.isEmptyStateShown(), entry.getKey());
            assertTrue(view.session().isEmpty(), entry.getKey());
            assertEquals("Start a KernelLab simulation to see " + entry.getValue()
                    + ": <a href=\"debug\">debug the selected workload class</a> or open <a href=\"configurations\">Run Configurations...</a>",
                    view.emptyStateLink().getText());
            assertEquals("", view.getContentDescription());
        }
        page.activate(page.findView(SlabinfoView.ID));
        Screenshots.save(window.getShell(), "empty-state");
    }

    @Test
    void theLinkDebugsTheWorkloadClassSelectedInThePackageExplorer() throws Exception {
        Workbench.waitFor(() -> SimulationSession.all().isEmpty(), 10_000, "earlier simulations to end");
        IJavaProject project = WorkloadProjects.create("link-workloads",
                "public class Spinner implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        while (true) {\n            sys.compute(1_000_000L);\n        }\n    }\n}\n");
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        IViewReference old = page.findViewReference(BuddyView.ID);
        if (old != null) {
            page.hideView(old);
        }
        IViewPart packages = page.showView(JavaUI.ID_PACKAGES);
        ((ISetSelectionTarget) packages).selectReveal(new StructuredSelection(WorkloadProjects.type(project, "Spinner")));
        BuddyView view = (BuddyView) page.showView(BuddyView.ID);
        assertTrue(view.isEmptyStateShown());
        try {
            Event click = new Event();
            click.text = SimulationView.LINK_DEBUG;
            view.emptyStateLink().notifyListeners(SWT.Selection, click);
            Workbench.waitFor(() -> view.shown().isPresent(), 60_000, "the view to show the simulation the link started");
            ILaunch launch = view.session().orElseThrow().launch();
            assertEquals(ILaunchManager.DEBUG_MODE, launch.getLaunchMode());
            assertEquals("demo.Spinner", SimulationSettings.read(launch.getLaunchConfiguration()).workloads().get(0).className());
            assertFalse(view.isEmptyStateShown());
        } finally {
            for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
                if (launch.canTerminate()) {
                    launch.terminate();
                }
            }
            for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
                c.delete();
            }
        }
    }
}
