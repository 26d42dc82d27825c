package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationProcess;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.model.CpuThread;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.debug.core.IJavaDebugTarget;
import org.eclipse.jdt.debug.core.IJavaLineBreakpoint;
import org.eclipse.jdt.debug.core.IJavaThread;
import org.eclipse.jdt.debug.core.JDIDebugModel;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debug As > KernelLab Simulation: the simulated kernel is a debug target with a thread per CPU,
 * stops at a sched_switch breakpoint filtered to CPU 1, shows that CPU's run queue in its frame's
 * variables, steps to the CPU's next event and resumes to the end.
 */
class SimulationDebugTest {

    private static IJavaProject project;
    private ILaunch launch;

    @BeforeAll
    static void createWorkloadProject() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.ALWAYS);
        project = WorkloadProjects.create("debug-workloads",
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 10; i++) {\n            sys.compute(10_000_000L);\n        }\n    }\n}\n");
    }

    @AfterEach
    void cleanUp() throws Exception {
        Workbench.forget(launch);
    }

    @Test
    void stopsAtASwitchOnCpu1ShowsTheRunQueueStepsAndResumesToTheEnd() throws Exception {
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "2");
        SimulationSettings.writeWorkloads(wc, List.of(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.COUNT, "3")));
        ILaunchConfiguration configuration = wc.doSave();
        KernelEventBreakpoint breakpoint = KernelEventBreakpoint.create(BreakpointKind.SCHED_SWITCH,
                KernelEventBreakpoint.Filter.NONE.onCpu(1));
        assertEquals("sched_switch on CPU 1", breakpoint.label());

        launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
        KernelDebugTarget target = targetOf(launch);
        Workbench.waitFor(target::isSuspended, 60_000, "the breakpoint on CPU 1");
        assertEquals(target, launch.getDebugTargets()[0], "the Debug view lists the simulated kernel first");
        assertEquals(target, launch.getChildren()[0]);

        CpuThread cpu1 = target.thread(1);
        assertEquals(List.of(breakpoint), Arrays.asList(cpu1.getBreakpoints()));
        assertTrue(cpu1.getName().startsWith("CPU 1: "), cpu1.getName());
        assertTrue(cpu1.getName().contains("(Suspended: sched_switch"), cpu1.getName());
        assertTrue(target.getName().startsWith("Simulated kernel (2 CPUs) at 0."), target.getName());
        IStackFrame frame = cpu1.getTopStackFrame();
        assertTrue(frame.getName().contains("sched_switch prev_comm="), frame.getName());
        showTheSessionInTheKernelLabPerspective(frame);

        IVariable wrr = child(child(frame.getVariables(), "rq"), "wrr");
        String totalWeight = child(wrr.getValue().getVariables(), "total_weight").getValue().getValueString();
        assertEquals(Long.toString(cpu1.runQueue().totalWeight()), totalWeight);
        long queued = Arrays.stream(wrr.getValue().getVariables()).filter(v -> name(v).startsWith("[")).count();
        assertEquals(cpu1.runQueue().queue("wrr").tasks().size(), queued);
        assertEquals(10L * queued, cpu1.runQueue().totalWeight(), "every Hog has the default weight 10");

        long sequence = cpu1.runQueue().lastEvent().sequence();
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(breakpoint, true);
        cpu1.stepInto();
        Workbench.waitFor(target::isSuspended, 30_000, "the step to the next event on CPU 1");
        assertTrue(cpu1.runQueue().lastEvent().sequence() > sequence, "the step moved on");
        assertEquals(1, cpu1.runQueue().lastEvent().cpu());

        cpu1.stepOver();
        Workbench.waitFor(target::isSuspended, 30_000, "the step to the next context switch on CPU 1");
        assertEquals("sched_switch", cpu1.runQueue().lastEvent().name());
        assertEquals(1, cpu1.runQueue().lastEvent().cpu());
        String leaving = cpu1.runQueue().lastEvent().fields().get("next_pid");
        cpu1.stepReturn();
        Workbench.waitFor(target::isSuspended, 30_000, "the current task leaving CPU 1");
        assertEquals("sched_switch", cpu1.runQueue().lastEvent().name());
        assertEquals(leaving, cpu1.runQueue().lastEvent().fields().get("prev_pid"), "Step Return ends when that task leaves");

        target.resume();
        Workbench.waitFor(target::isTerminated, 60_000, "the end of the simulation");
        SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        Workbench.waitFor(simulation::isTerminated, 10_000, "the simulation process to end");
        String output = simulation.getStreamsProxy().getOutputStreamMonitor().getContents();
        assertTrue(output.contains("Simulation ended (all workloads exited)"), output);
        Matcher end = Pattern.compile("Simulation ended \\(all workloads exited\\) at ([\\d.]+) s simulated").matcher(output);
        assertTrue(end.find(), output);
        assertEquals("Simulated kernel (2 CPUs), ended at " + end.group(1) + "000000 s", target.getName());
    }

    @Test
    void disconnectingLetsTheSimulationRunToItsEnd() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"));
        KernelEventBreakpoint.create(BreakpointKind.SCHED_SWITCH, KernelEventBreakpoint.Filter.NONE);
        launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
        KernelDebugTarget target = targetOf(launch);
        Workbench.waitFor(target::isSuspended, 60_000, "the first context switch");

        target.disconnect();
        SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        Workbench.waitFor(simulation::isTerminated, 60_000, "the disconnected simulation to end");
        assertTrue(target.isDisconnected());
        assertTrue(simulation.getStreamsProxy().getOutputStreamMonitor().getContents()
                .contains("Simulation ended (all workloads exited)"));
    }

    @Test
    void aJavaLineBreakpointInTheWorkloadSuspendsItsJavaThread() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"));
        IJavaLineBreakpoint line = JDIDebugModel.createLineBreakpoint(WorkloadProjects.type(project, "Hog").getResource(),
                "demo.Hog", 7, -1, -1, 0, true, null);
        try {
            launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
            Workbench.waitFor(() -> javaThreadAt(launch, line) != null, 60_000, "the Java breakpoint in Hog.run");
            IJavaThread thread = javaThreadAt(launch, line);
            assertEquals("run", thread.getTopStackFrame().getName());
            assertTrue(Arrays.stream(launch.getDebugTargets()).anyMatch(KernelDebugTarget.class::isInstance),
                    "the simulated kernel is a debug target of the same launch");
        } finally {
            line.delete();
        }
    }

    @Test
    void killingTheSimulatorJvmTerminatesTheDebugTarget() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"));
        KernelEventBreakpoint.create(BreakpointKind.SCHED_SWITCH, KernelEventBreakpoint.Filter.NONE);
        launch = Workbench.launchInBackground(configuration, ILaunchManager.DEBUG_MODE);
        KernelDebugTarget target = targetOf(launch);
        Workbench.waitFor(target::isSuspended, 60_000, "the first context switch");

        IProcess jvm = Arrays.stream(launch.getProcesses()).filter(p -> !(p instanceof SimulationProcess)).findFirst()
                .orElseThrow();
        jvm.terminate();
        Workbench.waitFor(target::isTerminated, 5_000, "the debug target to terminate after its simulator died");
        Workbench.waitFor(() -> Arrays.stream(launch.getProcesses()).allMatch(IProcess::isTerminated), 5_000,
                "every process of the launch to end");
        SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        String why = simulation.getStreamsProxy().getErrorStreamMonitor().getContents();
        assertTrue(why.contains("The simulator JVM exited before the simulation ended")
                || why.contains("The connection to the simulator was lost"), "the Console says why: " + why);
    }

    private static IJavaThread javaThreadAt(ILaunch launch, IBreakpoint breakpoint) {
        for (var target : launch.getDebugTargets()) {
            if (target instanceof IJavaDebugTarget java) {
                try {
                    for (var t : java.getThreads()) {
                        if (t.isSuspended() && Arrays.asList(t.getBreakpoints()).contains(breakpoint)) {
                            return (IJavaThread) t;
                        }
                    }
                } catch (DebugException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Opens the KernelLab perspective with the stopped CPU selected and saves a picture of it. */
    private static void showTheSessionInTheKernelLabPerspective(IStackFrame frame) throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        window.getShell().setBounds(0, 0, 1400, 900);
        IViewPart debugView = window.getActivePage().showView(IDebugUIConstants.ID_DEBUG_VIEW);
        debugView.getSite().getSelectionProvider().setSelection(new StructuredSelection(frame));
        long until = System.currentTimeMillis() + 1500;
        while (System.currentTimeMillis() < until) {
            if (!Display.getCurrent().readAndDispatch()) {
                Thread.sleep(10);
            }
        }
        Screenshots.save(window.getShell(), "debug-session");
    }

    private static IVariable child(IVariable[] variables, String name) {
        return Arrays.stream(variables).filter(v -> name(v).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name));
    }

    private static IVariable child(IVariable variable, String name) throws Exception {
        return child(variable.getValue().getVariables(), name);
    }

    private static String name(IVariable v) {
        try {
            return v.getName();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static KernelDebugTarget targetOf(ILaunch launch) throws InterruptedException {
        Workbench.waitFor(() -> Arrays.stream(launch.getDebugTargets()).anyMatch(KernelDebugTarget.class::isInstance), 60_000,
                "the simulated kernel's debug target");
        return (KernelDebugTarget) Arrays.stream(launch.getDebugTargets()).filter(KernelDebugTarget.class::isInstance)
                .findFirst().orElseThrow();
    }
}
