package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

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
import kernellab.runner.protocol.TasksSnapshot;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.memory.ProcessMapsView;
import kernellab.ui.sched.CpuTimelineView;
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
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures how long Run Queues, CPU Timeline and Process Maps take to refresh and to paint with
 * 64 CPUs and 10,000 tasks (the size), on a real simulation paused after it ran a while.
 * It prints the numbers ({@code [perf] …} lines) and asserts only that the views show all of it:
 * tests never assert on wall-clock time. Not a *Test class: it runs on demand
 * ({@code -Dtest=ViewsPerformanceMeasurement}), as it takes minutes and, while Process Maps still
 * fills a GTK combo with every process, does not finish with 10,000 processes.
 */
class ViewsPerformanceMeasurement {

    private static final int CPUS = 64;
    private static final int TASKS = 10_000;

    private static ILaunch launch;
    private static KernelDebugTarget target;
    private static KernelLabServer server;
    private static IWorkbenchPage page;

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
        server = SimulationSession.of(launch).orElseThrow().server();
        print("launch of %d tasks on %d CPUs until the debug target is there: %.1f ms", TASKS, CPUS, ms(start));
        // let the views follow the running simulation for a while, then pause it
        page.showView(RunQueuesView.ID);
        page.showView(CpuTimelineView.ID);
        page.showView(ProcessMapsView.ID);
        Workbench.spin(10_000);
        target.suspend();
        Workbench.waitFor(target::isSuspended, 120_000, "the pause");
    }

    @AfterAll
    static void endTheSimulation() throws Exception {
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
    void runQueuesTimelineAndProcessMapsWithSixtyFourCpusAndTenThousandTasks() throws Exception {
        TasksSnapshot tasks = timed("protocol: tasks()", () -> server.tasks().get());
        assertTrue(tasks.tasks().size() >= TASKS, "all tasks: " + tasks.tasks().size());
        RunQueuesSnapshot rq = timed("protocol: runQueues()", () -> server.runQueues().get());
        assertEquals(CPUS, rq.cpus().size());
        EventBatch trace = timed("protocol: traceEvents(0, 10,000)", () -> server.traceEvents(new EventsParams(0, 10_000)).get());
        print("trace: %d events recorded, simulated time %.3f s", trace.lastSequence(), rq.timeNs() / 1e9);
        int pid = tasks.tasks().stream().filter(t -> t.comm().equals("Spinner")).findFirst().orElseThrow().pid();
        timed("protocol: processMaps(" + pid + ")", () -> server.processMaps(new ProcessMapsParams(pid)).get());

        RunQueuesView runQueues = (RunQueuesView) page.showView(RunQueuesView.ID);
        long start = System.nanoTime();
        Workbench.waitFor(() -> rq.equals(runQueues.shown().orElse(null)) && runQueues.isUpToDate(), 120_000, "Run Queues");
        print("Run Queues: refresh at the pause until shown: %.1f ms", ms(start));
        int rows = 0;
        for (CpuRunQueue cpu : rq.cpus()) {
            assertEquals(RunQueuesView.entries(cpu).size(), runQueues.viewer(cpu.cpu()).getTable().getItemCount());
            rows += runQueues.viewer(cpu.cpu()).getTable().getItemCount();
        }
        print("Run Queues: %d rows in %d lazy tables", rows, CPUS);
        paint("Run Queues", runQueues.viewer(0).getControl().getParent().getParent());

        CpuTimelineView timeline = (CpuTimelineView) page.showView(CpuTimelineView.ID);
        start = System.nanoTime();
        Workbench.waitFor(() -> timeline.isUpToDate() && timeline.shown().get().lastSequence() == trace.lastSequence(), 300_000,
                "the timeline to read the whole trace");
        print("CPU Timeline: reading the rest of the trace (%d events) at the pause: %.1f ms", trace.lastSequence(), ms(start));
        timeline.fit();
        paint("CPU Timeline (whole run)", timeline.canvas());
        long[] range = timeline.visibleRange();
        double before = timeline.visibleRange()[1] - range[0];
        for (int i = 0; i < 6; i++) {
            timeline.canvas().notifyListeners(org.eclipse.swt.SWT.MouseVerticalWheel, wheelZoomIn());
        }
        assertTrue(timeline.visibleRange()[1] - timeline.visibleRange()[0] < before, "zoomed in");
        paint("CPU Timeline (zoomed in 6 steps)", timeline.canvas());

        ProcessMapsView maps = (ProcessMapsView) page.showView(ProcessMapsView.ID);
        start = System.nanoTime();
        Workbench.waitFor(() -> maps.isUpToDate() && maps.shown().map(ProcessMapsView.State::maps).isPresent(), 120_000,
                "Process Maps");
        print("Process Maps: refresh at the pause until shown: %.1f ms", ms(start));
        assertEquals(tasks.tasks().stream().filter(t -> t.comm().equals("Spinner") && t.pid() == t.tgid()).count(),
                maps.processCombo().getItemCount(), "every Spinner process can be chosen");
        paint("Process Maps", maps.viewer().getControl().getParent().getParent());
        int other = tasks.tasks().stream().filter(t -> t.comm().equals("Spinner")).skip(TASKS / 2).findFirst().orElseThrow().pid();
        start = System.nanoTime();
        maps.choose(other);
        Workbench.waitFor(() -> maps.isUpToDate() && maps.shown().map(ProcessMapsView.State::maps).filter(m -> m.pid() == other)
                .isPresent(), 60_000, "another process");
        print("Process Maps: choosing another of %d processes until shown: %.1f ms", maps.processCombo().getItemCount(), ms(start));
    }

    private static org.eclipse.swt.widgets.Event wheelZoomIn() {
        org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
        e.stateMask = org.eclipse.swt.SWT.MOD1;
        e.count = 3;
        e.x = 800;
        e.y = 100;
        return e;
    }

    /** Paints a control synchronously ten times and prints the mean time of one paint. */
    private static void paint(String what, Control control) {
        Display display = control.getDisplay();
        while (display.readAndDispatch()) {
            // settle
        }
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            control.redraw(0, 0, control.getSize().x, control.getSize().y, true);
            control.update();
        }
        print("%s: one paint %.1f ms", what, ms(start) / 10);
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
        System.out.println("[perf] " + String.format(java.util.Locale.ROOT, format, args));
    }
}
