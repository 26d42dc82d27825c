package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import kernellab.api.Policy;
import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.report.CpuShares;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.sched.ResultsView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart2;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.views.IViewDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KernelLab perspective at the sizes students have (1366×768 and 1600×1000), as they see it
 * without maximising anything: every view tab shows its whole name and its own icon, the Console
 * spans the window, the Console has no protocol line, the Debug view lists the simulated kernel
 * first and none of the simulator JVM's running threads, its label is current at the end, and
 * the Results view gives each task its share while competing next to the share its weight is due.
 * Saves the README's screenshots at both sizes.
 */
class DefaultSizeTest {

    private static final String[] KERNEL_VIEWS = {KernelLabPerspective.VIEW_RUN_QUEUES, KernelLabPerspective.VIEW_CPU_TIMELINE,
        KernelLabPerspective.VIEW_RESULTS, KernelLabPerspective.VIEW_SLABINFO, KernelLabPerspective.VIEW_PROCESS_MAPS,
        KernelLabPerspective.VIEW_BUDDY};

    private static IJavaProject project;
    private ILaunch launch;

    @BeforeAll
    static void createWorkloadProject() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.ALWAYS);
        project = WorkloadProjects.create("default-size-workloads",
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 30; i++) {\n            sys.compute(10_000_000L);\n        }\n    }\n}\n");
    }

    @AfterEach
    void cleanUp() throws Exception {
        Workbench.forget(launch);
    }

    @Test
    void everyViewTabShowsItsNameAndItsOwnIconAndTheConsoleSpansTheWindowAt1366x768() throws Exception {
        assertTabsReadable(open(1366, 768));
    }

    @Test
    void everyViewTabShowsItsNameAndItsOwnIconAndTheConsoleSpansTheWindowAt1600x1000() throws Exception {
        assertTabsReadable(open(1600, 1000));
    }

    @Test
    void eachViewHasAnIconOfItsOwn() {
        Set<String> icons = new HashSet<>();
        for (String id : KERNEL_VIEWS) {
            IViewDescriptor view = PlatformUI.getWorkbench().getViewRegistry().find(id);
            ImageDescriptor icon = view.getImageDescriptor();
            assertNotNull(icon, id);
            icons.add(Arrays.toString(icon.getImageData(100).data));
        }
        assertEquals(KERNEL_VIEWS.length, icons.size(), "six different icons");
    }

    /**
     * Four hogs of weights 1, 5, 10 and 20 on one CPU, debugged to a sched_switch: the Debug view
     * lists the simulated kernel first and no running Java thread nor the JVM's process; the
     * Console has no protocol line; at the end the target's label has the end time and the
     * Results view shows each hog's share while it competed against the share its weight is due.
     */
    @Test
    void aWeightedRaceShowsTheKernelFirstAndEachTasksShareAgainstItsDue() throws Exception {
        IWorkbenchPage page = open(1600, 1000);
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "1");
        List<WorkloadRow> rows = new ArrayList<>();
        for (String weight : List.of("1", "5", "10", "20")) {
            rows.add(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.WEIGHT, weight));
        }
        SimulationSettings.writeWorkloads(wc, rows);
        KernelEventBreakpoint breakpoint = KernelEventBreakpoint.create(BreakpointKind.SCHED_SWITCH,
                new KernelEventBreakpoint.Filter(null, null, null, null, null, null, 3));
        launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.DEBUG_MODE);
        Workbench.waitFor(() -> kernel(launch) != null && kernel(launch).isSuspended(), 60_000, "the third sched_switch");
        KernelDebugTarget target = kernel(launch);
        ResultsView results = (ResultsView) page.showView(ResultsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        IDebugView debug = (IDebugView) page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        Tree tree = (Tree) debug.getViewer().getControl();
        Workbench.waitFor(() -> rowTexts(tree).stream().anyMatch(t -> t.startsWith("CPU 0")), 10_000,
                () -> "the CPU thread in the Debug view: " + rowTexts(tree));
        Workbench.spin(1000);

        List<String> shown = rowTexts(tree);
        TreeItem launchItem = tree.getItem(0);
        assertTrue(launchItem.getItem(0).getText().startsWith("Simulated kernel (1 CPUs) at"), shown.toString());
        for (String row : shown) {
            assertFalse(row.isBlank(), "a blank row: " + shown);
            assertFalse(row.contains("Thread [") && row.contains("(Running)"), "a running Java thread: " + shown);
            assertFalse(row.contains("bin/java"), "the simulator JVM's process: " + shown);
        }
        Screenshots.save(page.getWorkbenchWindow().getShell(), "default-size-debug-1600x1000");
        for (IConsole console : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (console instanceof TextConsole text) {
                assertFalse(text.getDocument().get().contains("kernellab-serve-port"), console.getName());
            }
        }

        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(breakpoint, true);
        target.resume();
        Workbench.waitFor(target::isTerminated, 60_000, "the end of the race");
        Workbench.waitFor(() -> results.shown().map(ResultsView.Results::finished).orElse(false), 30_000,
                "the run's report in the Results view");
        long end = results.shown().orElseThrow().timeNs();
        assertTrue(target.getName().startsWith("Simulated kernel (1 CPUs) ended at " + seconds(end)), target.getName());

        List<CpuShares.Share> shares = results.shown().orElseThrow().shares();
        assertEquals(List.of(1, 5, 10, 20), shares.stream().map(CpuShares.Share::weight).toList());
        for (int i = 0; i < shares.size(); i++) {
            CpuShares.Share s = shares.get(i);
            assertEquals(Policy.SCHED_WRR, s.policy());
            assertEquals(s.expected(), s.measured(), 0.04, "a hog's share while competing is what its weight is due: " + s);
            if (i > 0) {
                assertTrue(s.measured() > shares.get(i - 1).measured(), "the share grows with the weight: " + shares);
            }
        }
        assertEquals(20.0 / 36, shares.get(3).expected(), 0.01, "weight 20 among 36 while all four compete");
        page.activate(results);
        Workbench.spin(500);
        Screenshots.save(page.getWorkbenchWindow().getShell(), "default-size-results-1600x1000");
        page.getWorkbenchWindow().getShell().setBounds(0, 0, 1366, 768);
        Workbench.spin(500);
        Screenshots.save(page.getWorkbenchWindow().getShell(), "default-size-results-1366x768");
    }

    private static IWorkbenchPage open(int width, int height) throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setBounds(0, 0, width, height);
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        page.resetPerspective();
        Workbench.spin(500);
        return page;
    }

    /** Every KernelLab view's tab is wide enough for its icon and whole name; the Console is nearly as wide as the window. */
    private static void assertTabsReadable(IWorkbenchPage page) throws Exception {
        Rectangle window = page.getWorkbenchWindow().getShell().getBounds();
        for (String id : KERNEL_VIEWS) {
            IViewPart view = page.showView(id, null, IWorkbenchPage.VIEW_CREATE);
            Control control = (Control) view.getSite().getService(MPart.class).getWidget();
            String name = ((IWorkbenchPart2) view).getPartName();
            CTabItem item = tabOf(control, name);
            assertNotNull(item, "a tab for " + name);
            GC gc = new GC(item.getParent());
            int needed = gc.textExtent(name).x + 16;
            gc.dispose();
            assertTrue(item.getBounds().width >= needed, name + "'s tab is " + item.getBounds().width + " px, its name "
                    + needed + " px, at " + window.width + "x" + window.height);
            assertNotNull(item.getImage(), name + "'s tab has an icon");
            int width = item.getParent().getSize().x;
            assertTrue(width >= 400, name + "'s stack is " + width + " px wide");
        }
        Rectangle console = Workbench.boundsOf(page.showView(IConsoleConstants.ID_CONSOLE_VIEW, null, IWorkbenchPage.VIEW_VISIBLE));
        assertTrue(console.width > window.width * 0.9, "the Console is " + console.width + " px of " + window.width);
        Screenshots.save(page.getWorkbenchWindow().getShell(), "default-size-perspective-" + window.width + "x" + window.height);
    }

    private static CTabItem tabOf(Control control, String title) {
        for (Control c = control; c != null; c = c.getParent()) {
            if (c instanceof CTabFolder folder) {
                return Arrays.stream(folder.getItems()).filter(i -> title.equals(i.getText())).findFirst().orElse(null);
            }
        }
        return null;
    }

    private static KernelDebugTarget kernel(ILaunch launch) {
        return (KernelDebugTarget) Arrays.stream(launch.getDebugTargets()).filter(KernelDebugTarget.class::isInstance)
                .findFirst().orElse(null);
    }

    /** The texts of the Debug view's rows, depth first, as far as they are expanded. */
    private static List<String> rowTexts(Tree tree) {
        List<String> texts = new ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            collect(item, texts);
        }
        return texts;
    }

    private static void collect(TreeItem item, List<String> texts) {
        texts.add(item.getText());
        if (item.getExpanded()) {
            for (TreeItem child : item.getItems()) {
                collect(child, texts);
            }
        }
    }

    private static String seconds(long ns) {
        return String.format(java.util.Locale.ROOT, "%d.%09d s", ns / 1_000_000_000L, ns % 1_000_000_000L);
    }
}
