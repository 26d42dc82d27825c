package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.ProcessMapsParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TasksSnapshot;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.memory.BuddyView;
import kernellab.ui.memory.ProcessMapsView;
import kernellab.ui.memory.ProcessSelectionDialog;
import kernellab.ui.memory.SlabinfoView;
import kernellab.ui.sched.CpuTimelineView;
import kernellab.ui.sched.RunQueuesView;
import kernellab.ui.views.SimulationView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.swt.widgets.Synchronizer;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures Run Queues, CPU Timeline, Process Maps, Slabinfo and Buddy with 64 CPUs and 10,000
 * tasks (the size) on a real simulation: how long the UI thread is blocked at most while
 * they follow the running simulation, how long each takes to refresh at a pause and to paint, how
 * long the timeline takes to read a backlog of the whole recorded trace, and how fast the Choose
 * Process dialog lists and filters 10,000 processes. It prints the numbers ({@code [perf] …}
 * lines) and asserts only that the views show all of it: tests never assert on wall-clock time.
 * Not a *Test class: it takes minutes, so it runs on demand ({@code -Dtest=ViewsPerformanceMeasurement}).
 */
class ViewsPerformanceMeasurement {

    private static final int CPUS = 64;
    private static final int TASKS = 10_000;

    private static ILaunch launch;
    private static KernelDebugTarget target;
    private static KernelLabServer server;
    private static IWorkbenchPage page;
    private static UiTime uiTime;
    private static StallSampler sampler;

    @BeforeAll
    static void runTenThousandTasksOnSixtyFourCpus() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.ALWAYS);
        IJavaProject project = WorkloadProjects.create("perf-workloads",
                "public class Spinner implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 1000; i++) {\n            sys.compute(2_000_000L);\n        }\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Spinner")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, Integer.toString(CPUS));
        wc.setAttribute(KernelLabLaunching.ATTR_MEMORY_MIB, "8192");
        SimulationSettings.writeWorkloads(wc,
                List.of(WorkloadRow.of("demo.Spinner").with(WorkloadRow.Field.COUNT, Integer.toString(TASKS))));
        ILaunchConfiguration configuration = wc.doSave();

        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setBounds(0, 0, 1600, 1000);
        page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        long start = System.nanoTime();
        launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
        Workbench.waitFor(() -> Arrays.stream(launch.getDebugTargets()).anyMatch(KernelDebugTarget.class::isInstance),
                300_000, "the simulated kernel's debug target");
        target = (KernelDebugTarget) Arrays.stream(launch.getDebugTargets()).filter(KernelDebugTarget.class::isInstance)
                .findFirst().orElseThrow();
        SimulationSession session = SimulationSession.of(launch).orElseThrow();
        server = session.server();
        print("launch of %d tasks on %d CPUs until the debug target is there: %.1f ms", TASKS, CPUS, ms(start));
        // Run Queues and Process Maps follow the running simulation for a while (the timeline opens
        // only at the pause, to measure how it reads a backlog); then pause
        uiTime = new UiTime(Display.getCurrent());
        sampler = new StallSampler(Thread.currentThread());
        Display.getCurrent().setSynchronizer(uiTime);
        uiTime.views.add((SimulationView<?>) page.showView(ProcessMapsView.ID));
        uiTime.views.add((SimulationView<?>) page.showView(RunQueuesView.ID));
        long running = target.timeNs();
        print("load average before: %s", loadAverage());
        Pushed pushed = new Pushed();
        session.addListener(pushed);
        double stall = dispatchFor(10_000);
        print("while Run Queues and Process Maps follow the running simulation for 10 s: longest UI-thread stall %.1f ms", stall);
        session.removeListener(pushed);
        pushed.print();
        uiTime.print();
        target.suspend();
        Workbench.waitFor(target::isSuspended, 120_000, "the pause");
        print("simulated meanwhile: %.3f s", (target.timeNs() - running) / 1e9);
    }

    @AfterAll
    static void endTheSimulation() throws Exception {
        print("load average after: %s", loadAverage());
        sampler.stop();
        Display.getCurrent().setSynchronizer(new Synchronizer(Display.getCurrent()));
        if (launch != null && launch.canTerminate()) {
            launch.terminate();
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
        Workbench.waitFor(() -> SimulationSession.all().isEmpty(), 30_000, "the session to end");
        page.resetPerspective();
    }

    @Test
    void theViewsWithSixtyFourCpusAndTenThousandTasks() throws Exception {
        TasksSnapshot tasks = timed("protocol: tasks()", () -> server.tasks().get());
        assertTrue(tasks.tasks().size() >= TASKS, "all tasks: " + tasks.tasks().size());
        RunQueuesSnapshot rq = timed("protocol: runQueues()", () -> server.runQueues().get());
        assertEquals(CPUS, rq.cpus().size());
        timed("protocol: traceEvents(0, 10,000)", () -> server.traceEvents(new EventsParams(0, 10_000)).get());
        EventBatch trace = timed("protocol: traceEvents(0, " + CpuTimelineView.MAX_EVENTS_PER_REQUEST + ")",
                () -> server.traceEvents(new EventsParams(0, CpuTimelineView.MAX_EVENTS_PER_REQUEST)).get());
        print("trace: %d events recorded (from %d on), simulated time %.3f s", trace.lastSequence(), trace.firstAvailable(),
                rq.timeNs() / 1e9);
        EventBatch drawn = timed("protocol: traceEvents(0, " + CpuTimelineView.MAX_EVENTS_PER_REQUEST + ", the timeline's events)",
                () -> server.traceEvents(new EventsParams(0, CpuTimelineView.MAX_EVENTS_PER_REQUEST, CpuTimelineView.DRAWN_EVENTS))
                        .get());
        print("trace: %d of the events up to %d are the timeline's", drawn.events().size(), drawn.scannedSequence());
        int pid = tasks.tasks().stream().filter(t -> t.comm().equals("Spinner")).findFirst().orElseThrow().pid();
        timed("protocol: processMaps(" + pid + ")", () -> server.processMaps(new ProcessMapsParams(pid)).get());

        RunQueuesView runQueues = (RunQueuesView) page.showView(RunQueuesView.ID);
        long start = System.nanoTime();
        double stall = waitFor(() -> rq.equals(runQueues.shown().orElse(null)) && runQueues.isUpToDate(), "Run Queues");
        print("Run Queues: refresh at the pause until shown: %.1f ms (longest UI-thread stall %.1f ms)", ms(start), stall);
        paint("Run Queues", runQueues);
        long filled = rq.cpus().stream().filter(cpu -> runQueues.isFilled(cpu.cpu())).count();
        // scroll through the CPUs a page at a time, as the scroll bar does
        ScrollBar bar = runQueues.scroller().getHorizontalBar();
        long longestScroll = 0;
        int steps = 0;
        for (int x = 0; x < bar.getMaximum(); x += bar.getPageIncrement()) {
            bar.setSelection(x);
            start = System.nanoTime();
            bar.notifyListeners(SWT.Selection, new Event());
            longestScroll = Math.max(longestScroll, System.nanoTime() - start);
            steps++;
        }
        int rows = 0;
        for (CpuRunQueue cpu : rq.cpus()) {
            assertTrue(runQueues.isFilled(cpu.cpu()), "CPU " + cpu.cpu() + " filled once scrolled to");
            assertEquals(RunQueuesView.entries(cpu).size(), runQueues.viewer(cpu.cpu()).getTable().getItemCount());
            rows += runQueues.viewer(cpu.cpu()).getTable().getItemCount();
        }
        print("Run Queues: %d of %d CPUs filled at the refresh; scrolling through all in %d pages: longest page %.1f ms; %d rows in %d lazy tables",
                filled, CPUS, steps, longestScroll / 1e6, rows, CPUS);

        CpuTimelineView timeline = (CpuTimelineView) page.showView(CpuTimelineView.ID);
        uiTime.views.add(timeline);
        start = System.nanoTime();
        Set<CpuTimelineView.TraceBatch> batches = new HashSet<>();
        stall = waitFor(() -> {
            timeline.shown().ifPresent(batches::add);
            return timeline.isUpToDate() && timeline.shown().get().readSequence() == trace.lastSequence();
        }, "the timeline to read the whole trace");
        print("CPU Timeline: reading the recorded trace (%d events) in %d batches: %.1f ms (longest UI-thread stall %.1f ms)",
                batches.stream().mapToLong(CpuTimelineView.TraceBatch::events).sum(), batches.size(), ms(start), stall);
        timeline.fit();
        paint("CPU Timeline (whole run)", timeline);
        long[] range = timeline.visibleRange();
        double before = timeline.visibleRange()[1] - range[0];
        for (int i = 0; i < 6; i++) {
            timeline.canvas().notifyListeners(SWT.MouseVerticalWheel, wheelZoomIn());
        }
        assertTrue(timeline.visibleRange()[1] - timeline.visibleRange()[0] < before, "zoomed in");
        paint("CPU Timeline (zoomed in 6 steps)", timeline);

        ProcessMapsView maps = (ProcessMapsView) page.showView(ProcessMapsView.ID);
        start = System.nanoTime();
        stall = waitFor(() -> maps.isUpToDate() && maps.shown().map(ProcessMapsView.State::maps).isPresent(), "Process Maps");
        print("Process Maps: refresh at the pause until shown: %.1f ms (longest UI-thread stall %.1f ms)", ms(start), stall);
        paint("Process Maps", maps);
        List<TaskInfo> processes = ProcessMapsView.processes(tasks.tasks());
        assertEquals(tasks.tasks().stream().filter(t -> t.comm().equals("Spinner") && t.pid() == t.tgid()).count(),
                processes.stream().filter(p -> p.comm().equals("Spinner")).count(), "every Spinner process can be chosen");
        TaskInfo other = processes.get(processes.size() / 2);
        String otherPid = Integer.toString(other.pid());
        long matching = processes.stream().filter(p -> Integer.toString(p.pid()).startsWith(otherPid)).count();
        long[] okPressed = new long[1];
        long opened = System.nanoTime();
        ProcessChooser.drive(maps, dialog -> {
            dialog.awaitCount(processes.size(), 60_000);
            print("Process Maps: Choose Process dialog opened and listing all %d processes: %.1f ms", processes.size(), ms(opened));
            long typed = System.nanoTime();
            dialog.type(otherPid);
            dialog.awaitCount((int) matching, 60_000);
            print("Process Maps: typing pid %s until the %d matching processes are listed: %.1f ms", otherPid, matching, ms(typed));
            okPressed[0] = System.nanoTime();
            dialog.pick(ProcessSelectionDialog.label(other));
        });
        Workbench.waitFor(() -> maps.isUpToDate() && maps.shown().map(ProcessMapsView.State::maps).filter(m -> m.pid() == other.pid())
                .isPresent(), 60_000, "another process");
        print("Process Maps: from OK in the dialog until the chosen process is shown: %.1f ms", ms(okPressed[0]));

        SlabinfoView slabinfo = (SlabinfoView) page.showView(SlabinfoView.ID);
        uiTime.views.add(slabinfo);
        start = System.nanoTime();
        stall = waitFor(() -> slabinfo.isUpToDate(), "Slabinfo");
        print("Slabinfo: refresh at the pause until shown: %.1f ms (longest UI-thread stall %.1f ms)", ms(start), stall);
        paint("Slabinfo", slabinfo);
        BuddyView buddy = (BuddyView) page.showView(BuddyView.ID);
        uiTime.views.add(buddy);
        start = System.nanoTime();
        stall = waitFor(() -> buddy.isUpToDate(), "Buddy");
        print("Buddy: refresh at the pause until shown: %.1f ms (longest UI-thread stall %.1f ms), %d frame runs", ms(start), stall,
                buddy.shown().orElseThrow().frames().size());
        paint("Buddy", buddy);
        uiTime.print();
    }

    /**
     * Times every runnable handed to the UI thread with asyncExec and charges it to the view
     * whose shown snapshot it changed: how long the UI thread spends showing each refresh.
     */
    private static final class UiTime extends Synchronizer {

        final List<SimulationView<?>> views = new ArrayList<>();
        /** Per view: refreshes shown, total and longest time on the UI thread (ns). */
        private final Map<String, long[]> byView = new LinkedHashMap<>();

        UiTime(Display display) {
            super(display);
        }

        @Override
        protected void asyncExec(Runnable runnable) {
            super.asyncExec(runnable == null ? null : () -> timed(runnable));
        }

        private void timed(Runnable runnable) {
            Object[] before = views.stream().map(v -> v.shown().orElse(null)).toArray();
            long start = System.nanoTime();
            try {
                runnable.run();
            } finally {
                long took = System.nanoTime() - start;
                for (int i = 0; i < before.length; i++) {
                    if (views.get(i).shown().orElse(null) != before[i]) {
                        long[] t = byView.computeIfAbsent(views.get(i).getPartName(), k -> new long[3]);
                        t[0]++;
                        t[1] += took;
                        t[2] = Math.max(t[2], took);
                    }
                }
            }
        }

        /** Prints what each view cost the UI thread since the last print, and starts again. */
        void print() {
            byView.forEach((view, t) -> ViewsPerformanceMeasurement.print(
                    "%s: %d refreshes shown, UI thread per refresh %.1f ms on average, %.1f ms at most", view, t[0],
                    t[1] / 1e6 / t[0], t[2] / 1e6));
            byView.clear();
        }
    }

    /**
     * Samples the UI thread's stack every {@value #PERIOD_MS} ms from a background thread, so
     * that a long dispatch can be explained: the garbage collectors' time during it and the
     * UI thread's most frequent stacks.
     */
    private static final class StallSampler {

        private static final int PERIOD_MS = 20;
        /** Dispatches at least this long are explained. */
        private static final long STALL_NS = 150_000_000;
        private static final int FRAMES = 14;

        private record Sample(long nanos, StackTraceElement[] stack) {
        }

        private final List<Sample> samples = new ArrayList<>();
        private final Thread sampling;

        StallSampler(Thread ui) {
            sampling = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    StackTraceElement[] stack = ui.getStackTrace();
                    synchronized (samples) {
                        samples.add(new Sample(System.nanoTime(), stack));
                    }
                    try {
                        Thread.sleep(PERIOD_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "UI stall sampler");
            sampling.setDaemon(true);
            sampling.start();
        }

        static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }

        /** Prints what the UI thread did in the dispatch that started at {@code start}, if it was long; forgets older samples. */
        void explain(long start, long gcBefore) {
            long end = System.nanoTime();
            List<Sample> during;
            synchronized (samples) {
                during = samples.stream().filter(s -> s.nanos() >= start && s.nanos() <= end).toList();
                samples.clear();
            }
            if (end - start < STALL_NS) {
                return;
            }
            Map<String, Long> stacks = during.stream().collect(Collectors.groupingBy(s -> Arrays.stream(s.stack()).limit(FRAMES)
                    .map(StackTraceElement::toString).collect(Collectors.joining("\n        ")), Collectors.counting()));
            String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(gc -> gc.getName() + " " + gc.getCollectionCount() + "x/" + gc.getCollectionTime() + " ms")
                    .collect(Collectors.joining(", "));
            print("stall: one dispatch %.1f ms, GC time during it %d ms (totals: %s), %d samples of the UI thread:", (end - start) / 1e6,
                    gcMillis() - gcBefore, gcs, during.size());
            for (var ref : page.getViewReferences()) {
                if (ref.getPart(false) instanceof IDebugView view && view.getViewer() != null
                        && view.getViewer().getControl() instanceof Tree tree) {
                    System.out.println("    " + ref.getId() + ": " + rows(tree.getItems()) + " tree items created");
                    for (var launchItem : tree.getItems()) {
                        for (var child : launchItem.getItems()) {
                            System.out.println("      " + child.getText() + ": " + child.getItemCount() + " children, the first "
                                    + Arrays.stream(child.getItems()).limit(3).map(TreeItem::getText).toList());
                        }
                    }
                }
            }
            stacks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .forEach(e -> System.out.println("    " + e.getValue() + " samples:\n        " + e.getKey()));
        }

        private static int rows(TreeItem[] items) {
            int n = items.length;
            for (var item : items) {
                n += rows(item.getItems());
            }
            return n;
        }

        void stop() {
            sampling.interrupt();
        }
    }

    /** Counts the event batches the simulator pushes while it runs ({@code events} notifications). */
    private static final class Pushed implements SimulationSession.Listener {

        private final long start = System.nanoTime();
        private final AtomicLong batches = new AtomicLong();
        private final AtomicLong events = new AtomicLong();
        private volatile long lastSequence;

        @Override
        public void events(EventBatch batch) {
            batches.incrementAndGet();
            events.addAndGet(batch.events().size());
            lastSequence = batch.lastSequence();
        }

        void print() {
            double seconds = (System.nanoTime() - start) / 1e9;
            ViewsPerformanceMeasurement.print("pushed while running: %d batches (%.1f/s) carrying %d events (%.0f/s), the last at sequence %d",
                    batches.get(), batches.get() / seconds, events.get(), events.get() / seconds, lastSequence);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip() + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Event wheelZoomIn() {
        Event e = new Event();
        e.stateMask = SWT.MOD1;
        e.count = 3;
        e.x = 800;
        e.y = 100;
        return e;
    }

    /** Dispatches UI events for {@code millis} ms; @return the longest single dispatch, in ms */
    private static double dispatchFor(long millis) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + millis;
        long longest = 0;
        while (System.currentTimeMillis() < until) {
            long before = System.nanoTime();
            long gcBefore = StallSampler.gcMillis();
            boolean dispatched = display.readAndDispatch();
            longest = Math.max(longest, System.nanoTime() - before);
            sampler.explain(before, gcBefore);
            if (!dispatched) {
                Thread.onSpinWait();
            }
        }
        return longest / 1e6;
    }

    /**
     * Dispatches UI events until {@code condition} holds (at most 5 minutes).
     *
     * @return the longest single dispatch meanwhile, in ms: how long the UI thread was blocked at most
     */
    private static double waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + 300_000;
        long longest = 0;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            long before = System.nanoTime();
            long gcBefore = StallSampler.gcMillis();
            boolean dispatched = display.readAndDispatch();
            longest = Math.max(longest, System.nanoTime() - before);
            sampler.explain(before, gcBefore);
            if (!dispatched) {
                Thread.sleep(1);
            }
        }
        return longest / 1e6;
    }

    /** Paints a view (its part's control and all it holds) into an image ten times and prints the mean time of one paint. */
    private static void paint(String what, IViewPart view) {
        Control control = (Control) view.getSite().getService(MPart.class).getWidget();
        Display display = control.getDisplay();
        while (display.readAndDispatch()) {
            // settle
        }
        Point size = control.getSize();
        Image image = new Image(display, Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(image);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                control.print(gc);
            }
            print("%s: one paint of %dx%d pixels %.1f ms", what, size.x, size.y, ms(start) / 10);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static <T> T timed(String what, Callable<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        print("%s: %.1f ms", what, ms(start));
        return result;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static void print(String format, Object... args) {
        System.out.println("[perf] " + String.format(Locale.ROOT, format, args));
    }
}
