package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationProcess;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.model.CpuThread;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.ui.robot.Widgets;
import kernellab.runner.protocol.ClassQueueInfo;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.TaskInfo;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.sched.RunQueuesView;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.JavaModelException;
import org.eclipse.jdt.core.search.IJavaSearchConstants;
import org.eclipse.jdt.core.search.SearchEngine;
import org.eclipse.jdt.core.search.SearchPattern;
import org.eclipse.jdt.core.search.TypeNameRequestor;
import org.eclipse.jdt.debug.core.IJavaDebugTarget;
import org.eclipse.jdt.debug.core.IJavaLineBreakpoint;
import org.eclipse.jdt.debug.core.IJavaThread;
import org.eclipse.jdt.debug.core.JDIDebugModel;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.IHyperlink;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debug As with a scheduling class of the project serving SCHED_WRR: a JDT line breakpoint in the
 * class's {@code pickNext} stops its Java thread, the simulated kernel is suspended at that hook
 * (held by the Java debugger), and the Run Queues view and the CPUs' variables show the class's
 * queues ("rr") at that moment; resuming the Java thread lets the simulation run to its end.
 */
class SchedClassBreakpointTest {

    /** A class whose pickNext throws, at line {@link #THROWER_LINE} of Thrower.java. */
    private static final String THROWER = "import kernellab.api.sched.*;\n\n"
            + "public class Thrower implements SchedClassOps {\n"
            + "    @Override public String name() { return \"thrower\"; }\n"
            + "    @Override public void enqueue(int cpu, SchedTask p, QueueReason reason) { }\n"
            + "    @Override public void dequeue(int cpu, SchedTask p, QueueReason reason) { }\n"
            + "    @Override public SchedTask pickNext(int cpu) {\n"
            + "        throw new IllegalStateException(\"no pick on CPU \" + cpu);\n"
            + "    }\n"
            + "}\n";
    private static final int THROWER_LINE = 10;

    private static IJavaProject project;
    private ILaunch launch;

    @BeforeAll
    static void createProjectWithASchedulingClass() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.NEVER);
        project = WorkloadProjects.create("schedclass-debug", WorkloadProjects.roundRobin("Rr"), THROWER,
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        sys.compute(30_000_000L);\n    }\n}\n");
    }

    @AfterEach
    void cleanUp() throws Exception {
        Workbench.forget(launch);
    }

    @Test
    void aBreakpointInPickNextHoldsTheKernelAndTheViewsShowTheClassQueues() throws Exception {
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "2");
        wc.setAttribute(KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Rr");
        SimulationSettings.writeWorkloads(wc, List.of(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.COUNT, "3")));
        ILaunchConfiguration configuration = wc.doSave();
        IJavaLineBreakpoint pick = JDIDebugModel.createLineBreakpoint(WorkloadProjects.type(project, "Rr").getResource(),
                "demo.Rr", WorkloadProjects.ROUND_ROBIN_PICK_LINE, -1, -1, 0, true, null);
        try {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
            window.getShell().setBounds(0, 0, 1400, 900);
            RunQueuesView view = (RunQueuesView) window.getActivePage().showView(RunQueuesView.ID);

            launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
            Workbench.waitFor(() -> javaThreadAt(pick) != null, 60_000, "the Java breakpoint in Rr.pickNext");
            IJavaThread java = javaThreadAt(pick);
            assertEquals("pickNext", java.getTopStackFrame().getName());
            KernelDebugTarget target = (KernelDebugTarget) Arrays.stream(launch.getDebugTargets())
                    .filter(KernelDebugTarget.class::isInstance).findFirst().orElseThrow();
            Workbench.waitFor(target::isSuspended, 30_000, "the simulated kernel held at the hook");

            RunQueuesSnapshot atHook = SimulationSession.of(launch).orElseThrow().server().runQueues().get();
            Workbench.waitFor(() -> atHook.equals(view.shown().orElse(null)) && view.isUpToDate(), 15_000,
                    () -> "the Run Queues view to show the state at the hook; it shows " + view.shown().orElse(null));
            int queued = 0;
            var bar = view.scroller().getHorizontalBar();
            for (CpuRunQueue rq : atHook.cpus()) {
                // scroll the CPU's panel into view, as a student would in the narrow stack: panels fill once visible
                int n = atHook.cpus().size();
                bar.setSelection(n == 1 ? 0 : (bar.getMaximum() - bar.getThumb()) * rq.cpu() / (n - 1));
                bar.notifyListeners(SWT.Selection, new Event());
                Workbench.waitFor(() -> view.isFilled(rq.cpu()), 10_000, "CPU " + rq.cpu() + "'s panel");
                ClassQueueInfo rr = rq.queue("rr");
                List<TaskInfo> tasks = rr.tasks();
                queued += tasks.size();
                List<RunQueuesView.QueueEntry> entries = RunQueuesView.entries(rq);
                assertEquals(entries.size(), view.viewer(rq.cpu()).getTable().getItemCount(), "rows of CPU " + rq.cpu());
                for (int row = 0; row < tasks.size(); row++) {
                    List<String> cells = Widgets.cells(view.viewer(rq.cpu()).getTable(), row);
                    assertEquals("RR", cells.get(0), "the class's queue on CPU " + rq.cpu());
                    assertEquals(Integer.toString(tasks.get(row).pid()), cells.get(1));
                }
            }
            assertEquals(3, queued, "the three Hogs are queued on the class's queues");
            bar.setSelection(0);
            bar.notifyListeners(SWT.Selection, new Event());
            assertEquals("RR total_weight 30", RunQueuesView.totalWeightLabel(atHook.cpus().get(0)), "CPU 0's bar");
            Workbench.waitFor(() -> view.getContentDescription().contains("(suspended)"), 10_000,
                    () -> "the Run Queues view to say the machine is suspended: " + view.getContentDescription());

            CpuThread cpu = target.thread(atHook.cpus().get(0).cpu());
            IStackFrame frame = cpu.getTopStackFrame();
            IVariable rr = child(child(frame.getVariables(), "rq").getValue().getVariables(), "rr");
            assertEquals("struct rr_rq", rr.getReferenceTypeName());
            assertTrue(Arrays.stream(launch.getDebugTargets()).filter(IJavaDebugTarget.class::isInstance).count() == 1);

            screenshot(window, java.getTopStackFrame());

            java.stepOver();
            Workbench.waitFor(() -> {
                try {
                    return java.isSuspended() && java.getTopStackFrame().getLineNumber() == WorkloadProjects.ROUND_ROBIN_PICK_LINE + 1;
                } catch (DebugException e) {
                    return false;
                }
            }, 30_000, "Step Over to the next line of pickNext");
            Workbench.waitFor(target::isSuspended, 30_000, "the kernel held again after the step");
            assertEquals(atHook.cpus(), SimulationSession.of(launch).orElseThrow().server().runQueues().get().cpus(),
                    "a step inside the hook does not move the machine");

            pick.delete();
            target.resume();
            Workbench.waitFor(() -> !target.isSuspended(), 30_000, "Resume on the kernel to resume the Java thread");
            Workbench.waitFor(target::isTerminated, 60_000, "the end of the simulation");
            SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                    .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
            Workbench.waitFor(simulation::isTerminated, 10_000, "the simulation process to end");
            String output = simulation.getStreamsProxy().getOutputStreamMonitor().getContents();
            assertTrue(output.contains("Simulation ended (all workloads exited)"), output);
            assertFalse(simulation.getStreamsProxy().getErrorStreamMonitor().getContents().contains("disabled"),
                    "the class was not disabled while it stood at the breakpoint");
        } finally {
            if (pick.getMarker().exists()) {
                pick.delete();
            }
        }
    }

    /**
     * Saves the workbench as the student sees it at the hook: the editor at the breakpoint, the
     * Java frame selected with its variables, the Run Queues view (the Console closed to give it room, then
     * opened again).
     */
    private static void screenshot(IWorkbenchWindow window, IStackFrame javaFrame) throws Exception {
        IWorkbenchPage page = window.getActivePage();
        IViewPart console = page.findView(IConsoleConstants.ID_CONSOLE_VIEW);
        if (console != null) {
            page.hideView(console);
        }
        IViewPart debugView = page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        debugView.getSite().getSelectionProvider().setSelection(new StructuredSelection(javaFrame));
        page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        page.showView(RunQueuesView.ID);
        Tree debugTree = Widgets.find((Composite) debugView.getSite().getService(MPart.class).getWidget(), Tree.class);
        Workbench.waitFor(() -> {
            List<String> rows = Widgets.texts(debugTree);
            return rows.stream().anyMatch(r -> r.startsWith("Rr.pickNext(int) line: 33")) && rows.stream()
                    .anyMatch(r -> r.startsWith("CPU 0: ") && r.contains("(Suspended: stopped in Java code on CPU 0)"));
        }, 15_000, () -> "the Debug view to show the Java frame and the held CPU: " + Widgets.texts(debugTree));
        Workbench.spin(1500);
        Screenshots.save(window.getShell(), "sched-class-breakpoint");
        if (console != null) {
            page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        }
    }

    /**
     * The debug dump of a class disabled for an exception, in the simulation's Console: its stack
     * frame is a link, as in a Java application's Console, that opens the class at the line.
     */
    @Test
    void theDumpsStackFramesInTheConsoleLinkToTheSource() throws Exception {
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Thrower");
        ILaunchConfiguration configuration = wc.doSave();
        awaitJavaIndexes();
        launch = Workbench.launchInBackground(configuration, ILaunchManager.RUN_MODE);
        SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        String frame = "Thrower.java:" + THROWER_LINE;
        Workbench.waitFor(() -> simulation.getStreamsProxy().getErrorStreamMonitor().getContents()
                .contains("\tat demo.Thrower.pickNext(" + frame + ")"), 60_000, "the dump's stack frame in the Console");
        TextConsole console = (TextConsole) Arrays.stream(ConsolePlugin.getDefault().getConsoleManager().getConsoles())
                .filter(c -> c instanceof org.eclipse.debug.ui.console.IConsole p && p.getProcess() == simulation)
                .findFirst().orElseThrow();
        Workbench.waitFor(() -> linkTo(console, frame) != null, 30_000, "a link on " + frame);
        linkTo(console, frame).linkActivated();
        Workbench.waitFor(() -> {
            IEditorPart editor = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getActiveEditor();
            return editor != null && editor.getTitle().equals("Thrower.java");
        }, 60_000, "the link to open Thrower.java");
    }

    /**
     * Waits (dispatching UI events) until JDT's indexes are ready, as a search with
     * WAIT_UNTIL_READY_TO_SEARCH does: a stack-trace link looks its type up with a search, which
     * in a fresh workspace first waits for the JRE's index.
     */
    private static void awaitJavaIndexes() throws InterruptedException {
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                new SearchEngine().searchAllTypeNames(null, SearchPattern.R_EXACT_MATCH, "Thrower".toCharArray(),
                        SearchPattern.R_EXACT_MATCH, IJavaSearchConstants.CLASS, SearchEngine.createWorkspaceScope(),
                        new TypeNameRequestor() {
                        }, IJavaSearchConstants.WAIT_UNTIL_READY_TO_SEARCH, null);
            } catch (JavaModelException e) {
                throw new CompletionException(e);
            }
        });
        Workbench.waitFor(ready::isDone, 120_000, "JDT's indexes");
    }

    /** @return the console's hyperlink whose text is {@code text}, or {@code null} */
    private static IHyperlink linkTo(TextConsole console, String text) {
        for (IHyperlink link : console.getHyperlinks()) {
            try {
                IRegion region = console.getRegion(link);
                if (region != null && console.getDocument().get(region.getOffset(), region.getLength()).equals(text)) {
                    return link;
                }
            } catch (BadLocationException e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }

    private IJavaThread javaThreadAt(IJavaLineBreakpoint breakpoint) {
        for (var t : launch == null ? new org.eclipse.debug.core.model.IDebugTarget[0] : launch.getDebugTargets()) {
            if (t instanceof IJavaDebugTarget java) {
                try {
                    for (var thread : java.getThreads()) {
                        if (thread.isSuspended() && Arrays.asList(thread.getBreakpoints()).contains(breakpoint)) {
                            return (IJavaThread) thread;
                        }
                    }
                } catch (DebugException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static IVariable child(IVariable[] variables, String name) {
        return Arrays.stream(variables).filter(v -> {
            try {
                return v.getName().equals(name);
            } catch (DebugException e) {
                throw new AssertionError(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no variable " + name));
    }
}
