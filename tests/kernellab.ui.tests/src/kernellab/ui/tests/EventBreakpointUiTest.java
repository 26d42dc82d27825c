package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.debug.EventBreakpointDialog;
import kernellab.ui.robot.Widgets;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Adding a KernelLab event breakpoint from the Breakpoints view, as a student does before debugging. */
class EventBreakpointUiTest {

    private EventBreakpointDialog dialog;

    @AfterEach
    void cleanUp() throws Exception {
        if (dialog != null && dialog.getShell() != null) {
            dialog.close();
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(KernelDebugTarget.MODEL_ID), true);
    }

    @Test
    void theBreakpointsViewOffersTheAddCommand() throws Exception {
        IViewPart view = page().showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        IContributionItem[] items = view.getViewSite().getActionBars().getToolBarManager().getItems();
        assertTrue(Arrays.stream(items).anyMatch(i -> "kernellab.ui.addEventBreakpoint".equals(i.getId())),
                Arrays.stream(items).map(IContributionItem::getId).toList().toString());
    }

    /** Run > Add KernelLab Event Breakpoint..., in the group of JDT's Add Java Exception Breakpoint. */
    @Test
    void theRunMenuOffersTheAddCommandWithItsLabel() {
        org.eclipse.swt.widgets.Menu bar = page().getWorkbenchWindow().getShell().getMenuBar();
        org.eclipse.swt.widgets.Menu run = Arrays.stream(bar.getItems()).filter(i -> i.getText().replace("&", "").equals("Run"))
                .findFirst().orElseThrow().getMenu();
        run.notifyListeners(org.eclipse.swt.SWT.Show, new org.eclipse.swt.widgets.Event());
        try {
            java.util.List<String> labels = Arrays.stream(run.getItems()).map(i -> i.getText().split("\t")[0]).toList();
            int ours = labels.indexOf("Add KernelLab &Event Breakpoint...");
            assertTrue(ours >= 0, labels.toString());
            assertTrue(run.getItems()[ours].getImage() != null, "with the event breakpoint's icon");
        } finally {
            run.notifyListeners(org.eclipse.swt.SWT.Hide, new org.eclipse.swt.widgets.Event());
        }
    }

    @Test
    void theDialogAddsABreakpointThatTheViewListsByWhatItStopsAt() throws Exception {
        ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
        launches.removeLaunches(launches.getLaunches());
        PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        IViewPart view = page().showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        dialog = new EventBreakpointDialog(view.getSite().getShell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        field("cpu").setText("1");
        field("comm").setText("hog*");
        Workbench.spin(300);
        Screenshots.save(dialog.getShell(), "add-event-breakpoint");
        ok().notifyListeners(SWT.Selection, null);
        Workbench.spin(300);

        KernelEventBreakpoint breakpoint = dialog.created();
        assertNotNull(breakpoint);
        assertEquals("sched_switch on CPU 1, next comm=hog*", breakpoint.label());
        assertTrue(List.of(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(KernelDebugTarget.MODEL_ID))
                .contains(breakpoint));
        page().activate(view);
        Tree tree = Widgets.find((Composite) view.getSite().getService(MPart.class).getWidget(), Tree.class);
        Workbench.waitFor(() -> Widgets.texts(tree).contains("sched_switch on CPU 1, next comm=hog*"), 10_000,
                () -> "the Breakpoints view to list the breakpoint; it shows " + Widgets.texts(tree));
    }

    @Test
    void theDialogRejectsABadCpu() {
        dialog = new EventBreakpointDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        field("cpu").setText("x");
        Workbench.spin(300);
        assertEquals("CPU must be a whole number from 0 to 1023; 'x' is not.", dialog.getErrorMessage());
        assertFalse(ok().isEnabled());
        field("cpu").setText("3");
        Workbench.spin(300);
        assertNull(dialog.getErrorMessage());
        assertTrue(ok().isEnabled());
    }

    private Text field(String name) {
        return (Text) Widgets.tagged(dialog.getShell(), "kernellab.breakpointField", name);
    }

    private Button ok() {
        return Widgets.button(dialog.getShell(), IDialogConstants.OK_LABEL);
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }
}
