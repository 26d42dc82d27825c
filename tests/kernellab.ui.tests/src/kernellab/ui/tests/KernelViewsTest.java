package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import kernellab.api.Policy;
import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.model.CpuThread;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.ExportTraceParams;
import kernellab.runner.protocol.TraceFormat;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.SlabCacheDetail;
import kernellab.runner.protocol.SlabCacheInfo;
import kernellab.runner.protocol.SlabCacheParams;
import kernellab.runner.protocol.SlabSnapshot;
import kernellab.runner.protocol.TraceEventInfo;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.memory.BuddyView;
import kernellab.ui.memory.SlabinfoView;
import kernellab.ui.robot.Widgets;
import kernellab.ui.sched.CpuTimelineView;
import kernellab.ui.sched.RunQueuesView;
import kernellab.ui.views.SimulationView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.viewers.model.provisional.ITreeModelViewer;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The KernelLab views on a real simulation in debug mode, suspended at a sched_switch on CPU 1:
 * every view shows exactly the simulator's own snapshot (and /proc text) for that stop, sorts,
 * copies its content as Linux text and CSV, and follows the simulation to its next stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelViewsTest {

    private static ILaunch launch;
    private static KernelDebugTarget target;
    private static KernelLabServer server;
    private static IWorkbenchPage page;

    @BeforeAll
    static void suspendASimulation() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.ALWAYS);
        IJavaProject project = WorkloadProjects.create("views-workloads",
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 20; i++) {\n            sys.compute(10_000_000L);\n        }\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "2");
        SimulationSettings.writeWorkloads(wc, List.of(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.COUNT, "5")));
        ILaunchConfiguration configuration = wc.doSave();
        KernelEventBreakpoint.create(BreakpointKind.SCHED_SWITCH, KernelEventBreakpoint.Filter.NONE.onCpu(1));

        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setBounds(0, 0, 1600, 1000);
        page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
        Workbench.waitFor(() -> Arrays.stream(launch.getDebugTargets()).anyMatch(KernelDebugTarget.class::isInstance),
                60_000, "the simulated kernel's debug target");
        target = (KernelDebugTarget) Arrays.stream(launch.getDebugTargets()).filter(KernelDebugTarget.class::isInstance)
                .findFirst().orElseThrow();
        Workbench.waitFor(target::isSuspended, 60_000, "the breakpoint on CPU 1");
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(KernelDebugTarget.MODEL_ID), true);
        server = SimulationSession.of(launch).orElseThrow().server();
    }

    @AfterAll
    static void endTheSimulation() throws Exception {
        if (launch != null && launch.canTerminate()) {
            launch.terminate();
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
        Workbench.waitFor(() -> SimulationSession.all().isEmpty(), 10_000, "the session to end");
        page.resetPerspective();
    }

    @Test
    @Order(1)
    void slabinfoShowsTheProcSlabinfoColumnsAndTheSlabtopSummaryOfTheStop() throws Exception {
        SlabinfoView view = show(SlabinfoView.class, SlabinfoView.ID);
        SlabSnapshot expected = server.slabCaches().get();
        awaitShown(view, new SlabinfoView.State(expected, text("slabtop")));
        assertEquals(expected.caches(), view.rows(), "the caches in /proc/slabinfo order");

        String slabtop = text("slabtop");
        assertEquals(String.join("\n", slabtop.lines().limit(5).toList()), view.summaryText());
        assertTrue(view.summaryText().startsWith(" Active / Total Objects (% used)    : "), view.summaryText());

        List<String> slabinfo = text("/proc/slabinfo").lines().toList();
        assertEquals("slabinfo - version: 2.1", slabinfo.get(0));
        assertEquals(slabinfo.size() - 2, view.viewer().getTable().getItemCount());
        for (int row = 0; row < view.rows().size(); row++) {
            String[] fields = slabinfo.get(row + 2).trim().split("\\s+");
            List<String> procColumns = List.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[13],
                    fields[14]);
            assertEquals(procColumns, Widgets.cells(view.viewer().getTable(), row),
                    "row " + row + " of the table vs /proc/slabinfo");
        }

        view.sortBy(SlabinfoView.COLUMNS.indexOf("num_objs"));
        List<Long> numObjs = view.rows().stream().map(SlabCacheInfo::numObjs).toList();
        assertEquals(numObjs.stream().sorted(Comparator.reverseOrder()).toList(), numObjs, "largest first");
        assertEquals(Long.toString(numObjs.get(0)), view.viewer().getTable().getItem(0).getText(2));
        view.sortBy(SlabinfoView.COLUMNS.indexOf("num_objs"));
        assertEquals(numObjs.stream().sorted().toList(), view.rows().stream().map(SlabCacheInfo::numObjs).toList(),
                "a second click sorts ascending");
        view.sortBy(0);
        List<String> names = view.rows().stream().map(SlabCacheInfo::name).toList();
        assertEquals(names.stream().sorted().toList(), names);
        Screenshots.saveMaximized(view, "slabinfo-view");

        Workbench.runMenuAction(view, SlabinfoView.COPY_CSV);
        StringBuilder csv = new StringBuilder(
                "name,active_objs,num_objs,objsize,objperslab,pagesperslab,active_slabs,num_slabs\n");
        for (SlabCacheInfo c : view.rows()) {
            csv.append(String.join(",", c.name(), "" + c.activeObjs(), "" + c.numObjs(), "" + c.objSize(), "" + c.objPerSlab(),
                    "" + c.pagesPerSlab(), "" + c.activeSlabs(), "" + c.numSlabs())).append('\n');
        }
        assertEquals(csv.toString(), Workbench.clipboard());
        Workbench.runMenuAction(view, SlabinfoView.COPY_SLABINFO);
        String procText = text("/proc/slabinfo");
        Workbench.waitFor(() -> procText.equals(Workbench.clipboard()), 10_000, "/proc/slabinfo on the clipboard");
    }

    @Test
    @Order(2)
    void selectingACacheShowsItsSlabs() throws Exception {
        SlabinfoView view = show(SlabinfoView.class, SlabinfoView.ID);
        Workbench.waitFor(() -> !view.rows().isEmpty(), 10_000, "the caches");
        int row = 0;
        while (view.rows().get(row).numSlabs() == 0) {
            row++;
        }
        String name = view.rows().get(row).name();
        view.viewer().getTable().setSelection(row);
        view.viewer().getTable().notifyListeners(SWT.Selection, new Event());
        SlabCacheDetail expected = server.slabCache(new SlabCacheParams(name)).get();
        Workbench.waitFor(() -> expected.equals(view.detail()), 10_000, "the slabs of " + name);
        assertFalse(expected.slabs().isEmpty(), name + " has slabs");
        Screenshots.saveMaximized(view, "slabinfo-view-slabs");
    }

    @Test
    @Order(3)
    void buddyShowsTheFreeAreasOfProcBuddyinfoAndTheFrameOwners() throws Exception {
        BuddyView view = show(BuddyView.class, BuddyView.ID);
        BuddySnapshot expected = server.buddy().get();
        awaitShown(view, expected);
        assertFalse(expected.frames().isEmpty(), "frame map");

        Workbench.runMenuAction(view, BuddyView.COPY_CSV);
        List<String> csv = Workbench.clipboard().lines().toList();
        assertEquals("node,zone,order0,order1,order2,order3,order4,order5,order6,order7,order8,order9,order10", csv.get(0));
        List<String> buddyinfo = text("/proc/buddyinfo").lines().toList();
        assertEquals(buddyinfo.size(), csv.size() - 1, "one line per zone");
        for (int i = 0; i < buddyinfo.size(); i++) {
            String[] proc = buddyinfo.get(i).replace(",", "").trim().split("\\s+");
            List<String> expectedCells = new ArrayList<>(List.of(proc[1], proc[3]));
            expectedCells.addAll(Arrays.asList(proc).subList(4, proc.length));
            assertEquals(expectedCells, List.of(csv.get(i + 1).split(",")), "zone line " + i + " vs " + buddyinfo.get(i));
        }
        Screenshots.saveMaximized(view, "buddy-view");

        Workbench.runMenuAction(view, BuddyView.COPY_BUDDYINFO);
        String procText = text("/proc/buddyinfo");
        Workbench.waitFor(() -> procText.equals(Workbench.clipboard()), 10_000, "/proc/buddyinfo on the clipboard");
    }

    /** Every cell and header reads in full, in bold (the running task's row) as in plain. */
    private static void assertFitsItsColumns(org.eclipse.swt.widgets.Table table, List<String> cells) {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
        try {
            gc.setFont(org.eclipse.jface.resource.JFaceResources.getFontRegistry()
                    .getBold(org.eclipse.jface.resource.JFaceResources.DEFAULT_FONT));
            for (int i = 0; i < cells.size(); i++) {
                var column = table.getColumn(i);
                for (String text : List.of(cells.get(i), column.getText())) {
                    assertTrue(column.getWidth() >= gc.textExtent(text).x + 8,
                            "'" + text + "' is cut: its column is " + column.getWidth() + " px wide");
                }
            }
        } finally {
            gc.dispose();
        }
    }

    @Test
    @Order(4)
    void runQueuesShowEachCpusQueuesInPickOrder() throws Exception {
        RunQueuesView view = show(RunQueuesView.class, RunQueuesView.ID);
        RunQueuesSnapshot expected = server.runQueues().get();
        awaitShown(view, expected);
        assertEquals(2, expected.cpus().size());
        int queued = 0;
        for (CpuRunQueue rq : expected.cpus()) {
            List<RunQueuesView.QueueEntry> entries = RunQueuesView.entries(rq);
            TableViewer viewer = view.viewer(rq.cpu());
            assertEquals(entries.size(), viewer.getTable().getItemCount(), "rows of CPU " + rq.cpu());
            for (int row = 0; row < entries.size(); row++) {
                var task = entries.get(row).task();
                List<String> cells = Widgets.cells(viewer.getTable(), row);
                assertEquals(Integer.toString(task.pid()), cells.get(1));
                assertEquals((task.pid() == rq.curr().pid() ? "\u25B6 " : "") + task.comm(), cells.get(2));
                assertEquals("WRR", cells.get(0), "the Hogs run under SCHED_WRR (init's policy)");
                assertEquals("10", cells.get(3), "default WRR weight");
                long ns = task.sliceRemainingNs();
                assertEquals(String.format("%d.%03d ms", ns / 1_000_000, ns / 1000 % 1000), cells.get(4));
                assertFitsItsColumns(viewer.getTable(), cells);
            }
            assertEquals(rq.queue("wrr").tasks().stream().map(t -> t.pid()).toList(),
                    entries.stream().map(e -> e.task().pid()).toList(), "WRR in FIFO order, the running task at its head");
            assertEquals(String.format("curr: %s [%d] SCHED_WRR", rq.curr().comm(), rq.curr().pid()), view.currentText(rq.cpu()));
            assertEquals(10L * rq.queue("wrr").tasks().size(), rq.totalWeight());
            queued += rq.queue("wrr").tasks().size();
        }
        assertTrue(queued >= 5, "all five Hogs are on a WRR queue: " + queued);
        Workbench.waitFor(() -> view.isHighlighted(1), 10_000, "CPU 1, the stopped thread, highlighted");
        assertFalse(view.isHighlighted(0));
        Screenshots.saveMaximized(view, "run-queues-view");

        Workbench.runMenuAction(view, RunQueuesView.COPY_CSV);
        List<String> csv = Workbench.clipboard().lines().toList();
        assertEquals(RunQueuesView.CSV_HEADER, csv.get(0));
        CpuRunQueue cpu0 = expected.cpus().get(0);
        var first = cpu0.queue("wrr").tasks().get(0);
        assertEquals(String.join(",", "0", "WRR", "" + first.pid(), first.comm(), "SCHED_WRR", "" + first.prio(), "10",
                "" + first.sliceRemainingNs(), "" + first.vruntime(), "" + (first.pid() == cpu0.curr().pid())), csv.get(1));
        assertEquals(1 + queued, csv.size());
        Workbench.runMenuAction(view, RunQueuesView.COPY_SCHED_DEBUG);
        String procText = text("/proc/sched_debug");
        Workbench.waitFor(() -> procText.equals(Workbench.clipboard()), 10_000, "/proc/sched_debug on the clipboard");
    }

    @Test
    @Order(5)
    void cpuTimelineHasARunPerSwitchAndTheRunningTasksOfTheStop() throws Exception {
        CpuTimelineView view = show(CpuTimelineView.class, CpuTimelineView.ID);
        EventBatch trace = server.traceEvents(new EventsParams(0, 1_000_000)).get();
        assertEquals(1, trace.firstAvailable(), "nothing dropped");
        long end = trace.events().get(trace.events().size() - 1).timeNs();
        Workbench.waitFor(() -> view.isUpToDate() && view.shown().get().lastSequence() == trace.lastSequence()
                && view.endNs() == end, 15_000, "the timeline to read the whole trace");
        assertTimelineMatchesTheTrace(view, trace);

    }

    @Test
    @Order(6)
    void everyViewFollowsTheSimulationToItsNextStop() throws Exception {
        RunQueuesView runQueues = show(RunQueuesView.class, RunQueuesView.ID);
        SlabinfoView slabinfo = show(SlabinfoView.class, SlabinfoView.ID);
        BuddyView buddy = show(BuddyView.class, BuddyView.ID);
        CpuTimelineView timeline = show(CpuTimelineView.class, CpuTimelineView.ID);
        long before = target.timeNs();
        target.thread(0).stepOver();
        Workbench.waitFor(() -> target.isSuspended() && target.timeNs() > before, 30_000,
                "the next context switch on CPU 0");
        RunQueuesSnapshot rq = server.runQueues().get();
        SlabSnapshot slabs = server.slabCaches().get();
        BuddySnapshot free = server.buddy().get();
        String slabtop = text("slabtop");
        awaitShown(runQueues, rq);
        awaitShown(slabinfo, new SlabinfoView.State(slabs, slabtop));
        awaitShown(buddy, free);
        Workbench.waitFor(() -> timeline.isUpToDate() && timeline.runningPid(0) == rq.cpus().get(0).curr().pid(),
                15_000, "the timeline to show the new task on CPU 0");
        assertTrue(rq.timeNs() > before);
        assertEquals(String.format("Simulated time %d.%09d s (suspended)", rq.timeNs() / 1_000_000_000L,
                rq.timeNs() % 1_000_000_000L), runQueues.getContentDescription());
    }

    @Test
    @Order(7)
    void afterSeveralSwitchesTheTimelineShowsEveryRun() throws Exception {
        for (int step = 0; step < 6; step++) {
            CpuThread cpu = target.thread(step % 2);
            long before = cpu.runQueue().lastEvent().sequence();
            cpu.stepOver();
            Workbench.waitFor(() -> target.isSuspended() && cpu.runQueue().lastEvent().sequence() > before, 30_000,
                    "the next context switch on CPU " + cpu.cpu());
        }
        CpuTimelineView view = show(CpuTimelineView.class, CpuTimelineView.ID);
        EventBatch trace = server.traceEvents(new EventsParams(0, 1_000_000)).get();
        long end = trace.events().get(trace.events().size() - 1).timeNs();
        Workbench.waitFor(() -> view.isUpToDate() && view.endNs() == end, 15_000, "the timeline to catch up");
        assertTimelineMatchesTheTrace(view, trace);
        assertTrue(view.runs(0).size() >= 3, "CPU 0 switched between its Hogs: " + view.runs(0).size());
        view.fit();
        Screenshots.saveMaximized(view, "cpu-timeline-view");
        Workbench.runMenuAction(view, CpuTimelineView.COPY_CSV);
        List<String> csv = Workbench.clipboard().lines().toList();
        assertEquals(CpuTimelineView.CSV_HEADER, csv.get(0));
        long[] first = view.runs(0).get(0);
        assertEquals("0," + first[2] + ",Hog," + first[0] + "," + first[1], csv.get(1));
        int closedRuns = view.runs(0).size() + view.runs(1).size();
        int openRuns = (view.runningPid(0) != 0 ? 1 : 0) + (view.runningPid(1) != 0 ? 1 : 0);
        assertEquals(1 + closedRuns + openRuns, csv.size());
        RunQueuesView runQueues = show(RunQueuesView.class, RunQueuesView.ID);
        RunQueuesSnapshot stop = server.runQueues().get();
        awaitShown(runQueues, stop);
        page.activate(runQueues);
        int pid = RunQueuesView.entries(stop.cpus().get(0)).get(1).task().pid();
        runQueues.viewer(0).getTable().setSelection(1);
        runQueues.viewer(0).getTable().notifyListeners(SWT.Selection, new Event());
        assertEquals(pid, runQueues.selectedPid(0));
        assertEquals(-1, runQueues.selectedPid(1), "the task is not queued on CPU 1");
        assertEquals(pid, view.selectedPid(), "selecting a task in Run Queues outlines its runs in the CPU Timeline");
        Screenshots.saveMaximized(runQueues, "run-queues-view-later");
        Screenshots.saveMaximized(view, "cpu-timeline-view-selected");
    }

    @Test
    @Order(8)
    void theTimelineKnowsEachRunsPolicyAndCopiesTheTraceAsFtraceText() throws Exception {
        CpuTimelineView view = show(CpuTimelineView.class, CpuTimelineView.ID);
        EventBatch trace = server.traceEvents(new EventsParams(0, 1_000_000)).get();
        long end = trace.events().get(trace.events().size() - 1).timeNs();
        Workbench.waitFor(() -> view.isUpToDate() && view.endNs() == end, 15_000, "the timeline to catch up");
        long[] first = view.runs(0).get(0);
        Workbench.waitFor(() -> view.policyAt((int) first[2], first[0]) != null, 10_000, "the policies of the tasks");
        for (int cpu = 0; cpu < 2; cpu++) {
            for (long[] run : view.runs(cpu)) {
                assertEquals(Policy.SCHED_WRR, view.policyAt((int) run[2], run[0]), "the Hogs run under init's SCHED_WRR");
            }
        }
        view.fit();
        Screenshots.saveMaximized(view, "cpu-timeline-view-policies");

        Workbench.runMenuAction(view, CpuTimelineView.COPY_FTRACE);
        Path file = Files.createTempFile("expected-trace", ".txt");
        try {
            var exported = server.exportTrace(new ExportTraceParams(file.toString(), TraceFormat.FTRACE)).get();
            String expected = Files.readString(file);
            Workbench.waitFor(() -> expected.equals(Workbench.clipboard()), 10_000, "the ftrace text on the clipboard");
            List<String> lines = expected.lines().toList();
            assertEquals("cpus=2", lines.get(0));
            assertEquals(exported.events() + 1, lines.size(), "a line per event");
            TraceEventInfo e = trace.events().get(0);
            assertTrue(lines.get(1).matches(" *\\S+-\\d+ +\\[00\\d\\] +\\d+\\.\\d{6}: " + e.name() + ": .*"), lines.get(1));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    @Order(9)
    void doubleClickingAStopMarkerGoesToThatStop() throws Exception {
        CpuTimelineView view = show(CpuTimelineView.class, CpuTimelineView.ID);
        Workbench.waitFor(view::isUpToDate, 15_000, "the timeline");
        view.fit();
        // both CPUs may have stopped at the same time; the current stop's CPU is the one the Debug view says stopped
        int currentCpu = target.thread(0).getName().contains("(Suspended: ") ? 0 : 1;
        assertEquals(target.timeNs(), view.stopTimes(currentCpu).get(view.stopTimes(currentCpu).size() - 1),
                "the current stop is marked");
        IDebugView debug = (IDebugView) page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        CpuThread other = target.thread(1 - currentCpu);
        ((ITreeModelViewer) debug.getViewer()).setSelection(new TreeSelection(new TreePath(new Object[] {launch, target, other})),
                true, true);
        Workbench.waitFor(() -> other.equals(DebugUITools.getDebugContext()), 5_000,
                () -> "the other CPU selected; the context is " + DebugUITools.getDebugContext());
        page.activate(view);

        doubleClick(view, view.markerPoint(currentCpu, target.timeNs()));
        assertTrue(view.jumpMessage().startsWith("The current stop"), view.jumpMessage());
        CpuThread stopped = target.thread(currentCpu);
        Workbench.waitFor(() -> DebugUITools.getDebugContext() instanceof IStackFrame f && f.getThread() == stopped,
                10_000, () -> "the stopped CPU's frame selected in the Debug view; the context is "
                        + DebugUITools.getDebugContext() + ", the Debug view's selection " + debug.getViewer().getSelection());

        page.activate(view);
        long past = view.stopTimes(0).get(0);
        doubleClick(view, view.markerPoint(0, past));
        assertTrue(view.jumpMessage().startsWith("A past stop"), view.jumpMessage());
        long[] range = view.visibleRange();
        assertTrue(range[0] <= past && past <= range[1], "the past stop is visible: " + Arrays.toString(range));
        assertTrue(range[1] - range[0] < 3_000_000, "zoomed in to about 2 ms: " + Arrays.toString(range));
    }

    private static void doubleClick(CpuTimelineView view, org.eclipse.swt.graphics.Point point) {
        Event click = new Event();
        click.x = point.x;
        click.y = point.y;
        click.button = 1;
        view.canvas().notifyListeners(SWT.MouseDoubleClick, click);
    }

    private static <V extends IViewPart> V show(Class<V> type, String id) throws Exception {
        return type.cast(page.showView(id));
    }

    /**
     * Every closed run of the timeline is the time between two sched_switch events on its CPU,
     * and the open run is the CPU's current task in the run-queue snapshot of the stop.
     */
    private static void assertTimelineMatchesTheTrace(CpuTimelineView view, EventBatch trace) throws Exception {
        RunQueuesSnapshot stop = server.runQueues().get();
        int switches = 0;
        for (CpuRunQueue rq : stop.cpus()) {
            List<long[]> expected = new ArrayList<>();
            long start = -1;
            long pid = 0;
            for (TraceEventInfo e : trace.events()) {
                if (e.cpu() == rq.cpu() && e.name().equals("sched_switch")) {
                    switches++;
                    if (start >= 0 && pid != 0) {
                        assertEquals(pid, e.longField("prev_pid"), "the run that ends is the one that started");
                        expected.add(new long[] {start, e.timeNs(), pid});
                    }
                    start = e.timeNs();
                    pid = e.longField("next_pid");
                }
            }
            assertEquals(expected.stream().map(Arrays::toString).toList(),
                    view.runs(rq.cpu()).stream().map(Arrays::toString).toList(), "runs of CPU " + rq.cpu());
            assertEquals(rq.curr() == null ? 0 : rq.curr().pid(), view.runningPid(rq.cpu()),
                    "the open run of CPU " + rq.cpu() + " is its current task at the stop");
        }
        assertTrue(switches > 0, "the stop is at a sched_switch");
    }


    private static <T> void awaitShown(SimulationView<T> view, T snapshot) throws InterruptedException {
        Workbench.waitFor(() -> snapshot.equals(view.shown().orElse(null)) && view.isUpToDate(), 15_000,
                () -> view.getTitle() + " to show the state at the stop; it shows " + view.shown().orElse(null));
        assertFalse(view.isEmptyStateShown());
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // paint
        }
    }

    private static String text(String path) throws Exception {
        return server.readFile(new ProcFileParams(path)).get().text();
    }


}
