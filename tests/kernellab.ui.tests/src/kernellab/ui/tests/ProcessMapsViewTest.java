package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import kernellab.core.proc.Pmap;
import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSession;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.FrameOwner;
import kernellab.runner.protocol.FrameRun;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.PageWalkLevel;
import kernellab.runner.protocol.PageWalkParams;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ProcessMaps;
import kernellab.runner.protocol.ProcessMapsParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TraceEventInfo;
import kernellab.runner.protocol.VmaInfo;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.memory.BuddyView;
import kernellab.ui.memory.ProcessMapsView;
import kernellab.ui.memory.ProcessSelectionDialog;
import kernellab.ui.preferences.KernelLabPreferences;
import kernellab.ui.preferences.ViewColours;
import kernellab.ui.robot.Widgets;
import kernellab.ui.sched.RunQueuesView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.preference.PreferenceConverter;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
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
 * The Process Maps view (and the Buddy view's owner colours) on a real simulation stopped at a
 * user page fault of a process that forked, mapped anonymous memory, split it with mprotect, used
 * the heap and mapped a file: every cell against the simulator's processMaps snapshot, /proc/PID/maps
 * and pmap -x (procps's format from the simulator's smaps) for the same stop; the page walk
 * against the simulator's walk for a touched and an untouched page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessMapsViewTest {

    private static final String MAPPER = "public class Mapper implements kernellab.api.Workload {\n"
            + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
            + "        sys.fork(child -> child.nanosleep(500_000_000L));\n"
            + "        long buf = sys.mmap(0, 16 * 4096, kernellab.api.Syscalls.PROT_READ | kernellab.api.Syscalls.PROT_WRITE, kernellab.api.Syscalls.MAP_PRIVATE | kernellab.api.Syscalls.MAP_ANONYMOUS, -1, 0);\n"
            + "        sys.writeByte(buf, 1);\n"
            + "        sys.writeByte(buf + 2 * 4096, 2);\n"
            + "        sys.mprotect(buf + 8 * 4096, 4096, kernellab.api.Syscalls.PROT_READ);\n"
            + "        long heap = sys.malloc(1000);\n"
            + "        sys.writeInt(heap, 42);\n"
            + "        int fd = sys.open(\"/data.txt\", kernellab.api.Syscalls.O_CREAT | kernellab.api.Syscalls.O_RDWR);\n"
            + "        sys.write(fd, \"hello, page cache\\n\".getBytes());\n"
            + "        long file = sys.mmap(0, 4096, kernellab.api.Syscalls.PROT_READ, kernellab.api.Syscalls.MAP_SHARED, fd, 0);\n"
            + "        sys.readByte(file);\n"
            + "        sys.compute(5_000_000L);\n"
            + "    }\n}\n";

    private static ILaunch launch;
    private static KernelDebugTarget target;
    private static KernelLabServer server;
    private static IWorkbenchPage page;
    private static int pid;
    private static ProcessMaps stop;

    @BeforeAll
    static void stopAtTheFileMappingsPageFault() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.ALWAYS);
        IJavaProject project = WorkloadProjects.create("maps-workloads", MAPPER);
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Mapper")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "1");
        ILaunchConfiguration configuration = wc.doSave();
        KernelEventBreakpoint.create(BreakpointKind.PAGE_FAULT,
                new KernelEventBreakpoint.Filter(null, null, "Mapper", null, null, null, 0));

        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setBounds(0, 0, 1600, 1000);
        page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
        Workbench.waitFor(() -> Arrays.stream(launch.getDebugTargets()).anyMatch(KernelDebugTarget.class::isInstance),
                60_000, "the simulated kernel's debug target");
        target = (KernelDebugTarget) Arrays.stream(launch.getDebugTargets()).filter(KernelDebugTarget.class::isInstance)
                .findFirst().orElseThrow();
        server = SimulationSession.of(launch).orElseThrow().server();
        // every fault of Mapper stops; go on until the one that maps in the file, its last page fault
        for (int stops = 0; stops < 100; stops++) {
            Workbench.waitFor(target::isSuspended, 60_000, "a page fault of Mapper");
            TraceEventInfo fault = target.thread(0).runQueue().lastEvent();
            assertEquals("page_fault_user", fault.name(), "the stop is at the fault");
            pid = target.thread(0).runQueue().curr().tgid();
            ProcessMaps maps = server.processMaps(new ProcessMapsParams(pid)).get();
            long address = fault.longField("address");
            if (maps.vmas().stream().anyMatch(v -> v.name().equals("/data.txt") && v.start() <= address && address < v.end())) {
                stop = maps;
                break;
            }
            long before = fault.sequence();
            target.resume();
            Workbench.waitFor(() -> target.isSuspended() && target.thread(0).runQueue().lastEvent().sequence() > before,
                    60_000, "the next page fault of Mapper");
        }
        assertNotNull(stop, "Mapper faulted its file mapping in");
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(KernelDebugTarget.MODEL_ID), true);
    }

    @AfterAll
    static void endTheSimulation() throws Exception {
        KernelLabPreferences.store().setToDefault(ViewColours.key(FrameOwner.SLAB));
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
    void everyCellIsTheSimulatorsMapsAndPmapForTheStop() throws Exception {
        ProcessMapsView view = (ProcessMapsView) page.showView(ProcessMapsView.ID);
        awaitMaps(view, stop);
        ProcessMaps maps = view.shown().orElseThrow().maps();
        assertEquals(maps.mapCount(), maps.vmas().size());
        TableViewer viewer = view.viewer();
        assertEquals(maps.vmas().size(), viewer.getTable().getItemCount());

        List<String> allLines = text("/proc/" + pid + "/maps").lines().toList();
        // show_map appends the gate area, which is not a VMA of the mm
        List<String> procMaps = allLines.stream().filter(l -> !l.endsWith("[vsyscall]")).toList();
        assertEquals(procMaps.size(), maps.vmas().size(), "one maps line per VMA: " + allLines);
        String smaps = text("/proc/" + pid + "/smaps");
        List<String> pmap = Pmap.render(pid, maps.comm(), smaps, maps.startStack(), Pmap.Mode.EXTENDED).lines().toList();
        assertEquals("Address           Kbytes     RSS   Dirty Mode  Mapping", pmap.get(1));
        for (int row = 0; row < maps.vmas().size(); row++) {
            List<String> cells = Widgets.cells(viewer.getTable(), row);
            String[] line = procMaps.get(row).split(" +", 6);
            List<String> mapsColumns = List.of(line[0], line[1], line[2], line[3], line[4], line.length > 5 ? line[5].strip() : "");
            assertEquals(mapsColumns, cells.subList(0, 6), "row " + row + " vs /proc/" + pid + "/maps");
            String[] x = pmap.get(row + 2).split(" +", 6);
            assertEquals(Long.parseLong(x[0], 16), Long.parseLong(cells.get(0).split("-")[0], 16), "pmap's address");
            assertEquals(List.of(x[1], x[2], x[3], x[4], x[5].strip()), cells.subList(6, 11), "row " + row + " vs pmap -x");
            VmaInfo vma = maps.vmas().get(row);
            assertEquals(List.of("" + vma.sizeKb(), "" + vma.rssKb(), "" + vma.dirtyKb()), cells.subList(6, 9),
                    "row " + row + " vs the processMaps snapshot");
        }
        assertTrue(procMaps.stream().anyMatch(l -> l.endsWith("/data.txt")), "the file mapping");
        assertTrue(procMaps.stream().anyMatch(l -> l.endsWith("[heap]")), "the heap");
        assertTrue(procMaps.stream().anyMatch(l -> l.endsWith("[stack]")), "the stack");
        assertTrue(pmap.stream().anyMatch(l -> l.endsWith("[ stack ]")), "pmap names the stack");

        assertEquals(ProcessMapsView.summaryText(maps), view.summaryText());
        long lookups = maps.findVmaCacheHits() + maps.findVmaCacheMisses();
        assertTrue(lookups > 0, "find_vma was called");
        assertTrue(view.summaryText().endsWith(String.format(Locale.ROOT, "find_vma cache %d hits / %d misses (%.1f %%)",
                maps.findVmaCacheHits(), maps.findVmaCacheMisses(), 100.0 * maps.findVmaCacheHits() / lookups)),
                view.summaryText());
        assertTrue(view.summaryText().contains("map_count " + maps.mapCount() + ","), view.summaryText());
        assertTrue(view.summaryText().contains(String.format("brk 0x%x", maps.brk())), view.summaryText());
        assertEquals("Mapper [" + pid + "]", view.processText(), "the stopped task's process is chosen");

        Workbench.runMenuAction(view, ProcessMapsView.COPY_CSV);
        List<String> csv = Workbench.clipboard().lines().toList();
        assertEquals(ProcessMapsView.CSV_HEADER, csv.get(0));
        assertEquals(maps.vmas().size() + 1, csv.size());
        VmaInfo first = maps.vmas().get(0);
        List<String> firstCells = Widgets.cells(viewer.getTable(), 0);
        assertEquals(String.join(",", String.format("0x%x", first.start()), String.format("0x%x", first.end()),
                String.join(",", firstCells.subList(1, 11))), csv.get(1));
        Workbench.runMenuAction(view, ProcessMapsView.COPY_MAPS);
        String procText = text("/proc/" + pid + "/maps");
        Workbench.waitFor(() -> procText.equals(Workbench.clipboard()), 10_000, "/proc/PID/maps on the clipboard");
        Workbench.runMenuAction(view, ProcessMapsView.COPY_PMAP);
        String pmapText = text("pmap -x " + pid);
        assertTrue(pmapText.startsWith(pid + ":   "), pmapText);
        Workbench.waitFor(() -> pmapText.equals(Workbench.clipboard()), 10_000, "pmap -x on the clipboard");
    }

    @Test
    @Order(2)
    void thePageWalkOfATouchedAndOfAnUntouchedPageIsTheSimulatorsWalk() throws Exception {
        ProcessMapsView view = (ProcessMapsView) page.showView(ProcessMapsView.ID);
        awaitMaps(view, stop);
        int row = bufferRow(stop.vmas());
        long buffer = stop.vmas().get(row).start();

        view.viewer().getTable().setSelection(row);
        view.viewer().getTable().notifyListeners(SWT.Selection, new Event());
        assertEquals(String.format("0x%x", buffer), view.addressField().getText(), "selecting a VMA fills in its start");
        PageWalk touched = server.pageWalk(new PageWalkParams(pid, buffer)).get();
        Workbench.waitFor(() -> touched.equals(view.pageWalk()), 10_000, "the walk of the touched page");
        assertTrue(touched.present(), touched.explanation());
        assertWalkShown(view, touched);
        assertTrue(view.walkResultText().contains(String.format("page frame 0x%x, physical address 0x%x", touched.pfn(),
                touched.physicalAddress())), view.walkResultText());
        Screenshots.saveMaximized(view, "process-maps-view");

        long untouchedAddress = buffer + 4096;
        view.addressField().setText(Long.toHexString(untouchedAddress));
        view.addressField().notifyListeners(SWT.DefaultSelection, new Event());
        PageWalk untouched = server.pageWalk(new PageWalkParams(pid, untouchedAddress)).get();
        Workbench.waitFor(() -> untouched.equals(view.pageWalk()), 10_000, "the walk of the untouched page");
        assertFalse(untouched.present());
        assertWalkShown(view, untouched);
        assertTrue(view.walkResultText().endsWith(untouched.explanation()), view.walkResultText());
        assertTrue(untouched.explanation().contains("demand paging"), untouched.explanation());

        view.addressField().setText("0xnot-hex");
        view.addressField().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("'0xnot-hex' is not a hexadecimal address", view.walkResultText());
        assertEquals(0, view.walkViewer().getTable().getItemCount());
    }

    @Test
    @Order(3)
    void thePictureDrawsEveryVmaInOrderAndNamesTheOneUnderTheMouse() throws Exception {
        ProcessMapsView view = (ProcessMapsView) page.showView(ProcessMapsView.ID);
        awaitMaps(view, stop);
        List<ProcessMapsView.Segment> segments = view.segments();
        assertEquals(stop.vmas(), segments.stream().map(ProcessMapsView.Segment::vma).filter(v -> v != null).toList());
        for (int i = 1; i < segments.size(); i++) {
            assertEquals(segments.get(i - 1).x1(), segments.get(i).x0(), "segments touch, left to right");
        }
        assertTrue(segments.stream().anyMatch(s -> s.vma() == null && s.gapBytes() > 1L << 30),
                "the gap between the mmap area and the heap is compressed");
        assertTrue(segments.get(segments.size() - 1).x1() <= view.picture().getClientArea().width, "it fits the view");
        List<ProcessMapsView.PictureLabel> labels = view.pictureLabels();
        List<String> addresses = labels.stream().filter(l -> l.line() == 1).map(ProcessMapsView.PictureLabel::text).toList();
        assertEquals(List.of(String.format("%x", stop.vmas().get(0).start()),
                String.format("%x", stop.vmas().get(stop.vmas().size() - 1).end())), addresses, "the lowest and highest addresses");
        assertTrue(labels.stream().anyMatch(l -> l.line() == 0 && l.text().endsWith(" TiB")),
                "the size of the gap below the mmap area: " + labels);
        for (int i = 1; i < labels.size(); i++) {
            ProcessMapsView.PictureLabel before = labels.get(i - 1);
            assertTrue(before.line() != labels.get(i).line() || before.x() + before.width() < labels.get(i).x(),
                    "labels do not overlap: " + labels);
            assertTrue(labels.get(i).x() + labels.get(i).width() <= view.picture().getClientArea().width, "inside the picture");
        }
        ProcessMapsView.Segment buffer = segments.stream().filter(s -> stop.vmas().get(bufferRow(stop.vmas())).equals(s.vma()))
                .findFirst().orElseThrow();
        Event move = new Event();
        move.x = (buffer.x0() + buffer.x1()) / 2;
        move.y = 10;
        view.picture().notifyListeners(SWT.MouseMove, move);
        assertEquals(buffer.vma(), view.hoveredVma());
        assertEquals(ProcessMapsView.vmaText(buffer.vma()), view.picture().getToolTipText());
        assertTrue(view.picture().getToolTipText().endsWith("rw-p anonymous (32 KiB)"), view.picture().getToolTipText());
    }

    @Test
    @Order(4)
    void theDialogChoosesAProcessByNameOrPidAndTheViewFollowsTheTaskSelectedInRunQueues() throws Exception {
        ProcessMapsView view = (ProcessMapsView) page.showView(ProcessMapsView.ID);
        awaitMaps(view, stop);
        List<TaskInfo> processes = ProcessMapsView.processes(server.tasks().get().tasks());
        TaskInfo other = processes.stream().filter(p -> p.pid() != pid).findFirst().orElseThrow();
        assertTrue(processes.stream().noneMatch(p -> p.comm().startsWith("kworker") || p.comm().equals("kthreadd")),
                "kernel threads have no address space: " + processes);
        List<String> all = processes.stream().map(ProcessSelectionDialog::label).toList();
        String otherPid = Integer.toString(other.pid());
        List<String> byPid = processes.stream()
                .filter(p -> Integer.toString(p.pid()).startsWith(otherPid) || p.comm().startsWith(otherPid))
                .map(ProcessSelectionDialog::label).toList();
        List<String> byName = processes.stream().filter(p -> p.comm().toLowerCase(Locale.ROOT).startsWith("mapp"))
                .map(ProcessSelectionDialog::label).toList();
        assertTrue(byName.size() >= 2, "Mapper and its child: " + byName);
        ProcessChooser.drive(view, dialog -> {
            dialog.awaitCount(all.size(), 10_000);
            assertEquals(all, dialog.labels(), "an empty pattern lists every process, in pid order");
            dialog.type("mapp");
            dialog.awaitCount(byName.size(), 10_000);
            assertEquals(byName, dialog.labels(), "a name's prefix, in any case");
            dialog.type(otherPid);
            dialog.awaitCount(byPid.size(), 10_000);
            assertEquals(byPid, dialog.labels(), "a pid's prefix");
            dialog.pick(ProcessSelectionDialog.label(other));
        });
        Workbench.waitFor(() -> view.isUpToDate() && view.shown().map(ProcessMapsView.State::maps)
                .filter(m -> m.pid() == other.pid()).isPresent(), 10_000, "the process chosen in the dialog");
        assertEquals(ProcessSelectionDialog.label(other), view.processText());
        assertEquals(server.processMaps(new ProcessMapsParams(other.pid())).get(), view.shown().orElseThrow().maps());

        RunQueuesView runQueues = (RunQueuesView) page.showView(RunQueuesView.ID);
        RunQueuesSnapshot rq = server.runQueues().get();
        Workbench.waitFor(() -> rq.equals(runQueues.shown().orElse(null)), 10_000, "the run queues");
        // scroll CPU 0's panel into view, as a student would in the narrow stack: panels fill once visible
        var bar = runQueues.scroller().getHorizontalBar();
        bar.setSelection(0);
        bar.notifyListeners(SWT.Selection, new Event());
        Workbench.waitFor(() -> runQueues.isFilled(0), 10_000, "CPU 0's panel");
        List<RunQueuesView.QueueEntry> entries = RunQueuesView.entries(rq.cpus().get(0));
        int mapperRow = entries.stream().map(e -> e.task().tgid()).toList().indexOf(pid);
        runQueues.viewer(0).getTable().setSelection(mapperRow);
        runQueues.viewer(0).getTable().notifyListeners(SWT.Selection, new Event());
        awaitMaps(view, stop);
        assertEquals("Mapper [" + pid + "]", view.processText());
    }

    @Test
    @Order(5)
    void theBuddyMapColoursFramesByOwnerAndPicksUpANewColourAtOnce() throws Exception {
        BuddyView view = (BuddyView) page.showView(BuddyView.ID);
        BuddySnapshot expected = server.buddy().get();
        Workbench.waitFor(() -> expected.equals(view.shown().orElse(null)) && view.isUpToDate(), 10_000, "the buddy map");
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        try {
            FrameRun slab = expected.frames().stream().filter(r -> r.owner() == FrameOwner.SLAB).findFirst().orElseThrow();
            assertEquals(ViewColours.of(FrameOwner.SLAB).getRGB(), pixel(view.canvas(), () -> view.frameCell(slab.startPfn())));
            RGB purple = new RGB(128, 0, 128);
            PreferenceConverter.setValue(KernelLabPreferences.store(), ViewColours.key(FrameOwner.SLAB), purple);
            Workbench.waitFor(() -> purple.equals(pixel(view.canvas(), () -> view.frameCell(slab.startPfn()))), 5_000,
                    "the new slab colour on the map");
            KernelLabPreferences.store().setToDefault(ViewColours.key(FrameOwner.SLAB));
        } finally {
            page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        }
        Screenshots.saveMaximized(view, "buddy-view-owners");
    }

    /** @return the row of the first 8 pages of Mapper's 16-page buffer (mprotect split it after page 8) */
    private static int bufferRow(List<VmaInfo> vmas) {
        for (int i = 0; i + 1 < vmas.size(); i++) {
            VmaInfo v = vmas.get(i);
            VmaInfo next = vmas.get(i + 1);
            if (v.name().isEmpty() && v.perms().equals("rw-p") && v.sizeKb() == 32 && next.start() == v.end()
                    && next.perms().equals("r--p") && next.sizeKb() == 4) {
                return i;
            }
        }
        throw new AssertionError("no 32 kB rw-p VMA followed by a 4 kB r--p one: " + vmas);
    }

    private static void assertWalkShown(ProcessMapsView view, PageWalk walk) {
        TableViewer viewer = view.walkViewer();
        assertEquals(walk.levels().size(), viewer.getTable().getItemCount());
        assertFalse(walk.levels().isEmpty());
        for (int i = 0; i < walk.levels().size(); i++) {
            PageWalkLevel level = walk.levels().get(i);
            assertEquals(List.of(level.level(), "" + level.index(), String.format("0x%016x", level.entry()),
                    level.present() ? "1" : "0"), Widgets.cells(viewer.getTable(), i));
        }
        assertEquals(List.of("PGD", "PUD", "PMD", "PTE").subList(0, walk.levels().size()),
                walk.levels().stream().map(PageWalkLevel::level).toList());
        assertEquals(ProcessMapsView.walkText(walk), view.walkResultText());
    }

    private static void awaitMaps(ProcessMapsView view, ProcessMaps maps) throws InterruptedException {
        Workbench.waitFor(() -> view.isUpToDate() && view.shown().map(ProcessMapsView.State::maps).filter(maps::equals).isPresent(),
                15_000, () -> "Process Maps to show " + maps.comm() + " at the stop; it shows " + view.shown().orElse(null));
        assertFalse(view.isEmptyStateShown());
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // paint
        }
    }

    /** @return the colour of the pixel at the point, as the screen shows it */
    private static RGB pixel(Control control, java.util.function.Supplier<Point> where) {
        Display display = control.getDisplay();
        while (display.readAndDispatch()) {
            // paint
        }
        Point p = control.toDisplay(where.get());
        Image image = new Image(display, 1, 1);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, p.x + 1, p.y + 1);
            return image.getImageData().palette.getRGB(image.getImageData().getPixel(0, 0));
        } finally {
            gc.dispose();
            image.dispose();
        }
    }


    /**
     * Opens a view anew, as when this class runs alone: an instance left open by an earlier test
     * class shows the state it fetched at the stop, and this class's requests since then (the
     * /proc reads, page walks) may have changed what the simulator reports.
     */
    private static String text(String path) throws Exception {
        return server.readFile(new ProcFileParams(path)).get().text();
    }


}
