package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import kernellab.ui.KernelLabPerspective;

/** Opens the KernelLab perspective in the running workbench as a student would (Window > Perspective > Open). */
class KernelLabPerspectiveTest {

    private final IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();

    @AfterEach
    void closePerspective() {
        IWorkbenchPage page = window.getActivePage();
        page.closeAllPerspectives(false, false);
    }

    @Test
    void isRegisteredUnderItsName() {
        IPerspectiveDescriptor descriptor = PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(KernelLabPerspective.ID);
        assertNotNull(descriptor, "KernelLab perspective not registered");
        assertEquals("KernelLab", descriptor.getLabel());
        assertNotNull(descriptor.getImageDescriptor(), "perspective icon");
    }

    @Test
    void opensWithTheViewsAStudentNeeds() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        spinEventLoop();

        assertEquals(KernelLabPerspective.ID, page.getPerspective().getId());
        assertTrue(page.isEditorAreaVisible(), "editor area visible");
        List<String> shown = Arrays.stream(page.getViewReferences()).map(IViewReference::getId).toList();
        for (String id : List.of(JavaUI.ID_PACKAGES, IDebugUIConstants.ID_DEBUG_VIEW,
                IDebugUIConstants.ID_VARIABLE_VIEW, IDebugUIConstants.ID_BREAKPOINT_VIEW,
                IConsoleConstants.ID_CONSOLE_VIEW, KernelLabPerspective.VIEW_RUN_QUEUES,
                KernelLabPerspective.VIEW_CPU_TIMELINE, KernelLabPerspective.VIEW_RESULTS, KernelLabPerspective.VIEW_SLABINFO,
                KernelLabPerspective.VIEW_PROCESS_MAPS, KernelLabPerspective.VIEW_BUDDY)) {
            assertTrue(shown.contains(id), id + " is not in the perspective; it has " + shown);
        }
        assertTrue(page.isPartVisible(page.findView(JavaUI.ID_PACKAGES)), "Package Explorer visible");
        assertTrue(page.isPartVisible(page.findView(IDebugUIConstants.ID_DEBUG_VIEW)), "Debug view visible");
        assertTrue(page.isPartVisible(page.findView(IConsoleConstants.ID_CONSOLE_VIEW)), "Console visible");
    }

    @Test
    void placesDebugRightOfTheEditorAndConsoleBelowIt() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        spinEventLoop();

        var packages = Workbench.boundsOf(page.findView(JavaUI.ID_PACKAGES));
        var debug = Workbench.boundsOf(page.findView(IDebugUIConstants.ID_DEBUG_VIEW));
        var console = Workbench.boundsOf(page.findView(IConsoleConstants.ID_CONSOLE_VIEW));
        assertTrue(packages.x < console.x || packages.x < debug.x, "Package Explorer is the leftmost part");
        assertTrue(debug.x > console.x, "Debug view is right of the editor and console");
        assertTrue(console.y > packages.y, "Console is below");
    }

    private static void spinEventLoop() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // let the perspective's parts lay out
        }
    }
}
