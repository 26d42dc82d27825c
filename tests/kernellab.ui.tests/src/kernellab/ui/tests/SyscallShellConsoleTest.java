package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.ui.console.SyscallShellConsole;
import kernellab.ui.console.SyscallShellConsoleFactory;
import kernellab.ui.launch.SimulationLaunchShortcut;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.IInternalDebugUIConstants;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The syscall shell console on a suspended simulation: commands change the machine and print like the CLI shell. */
class SyscallShellConsoleTest {

    private ILaunch launch;

    @AfterEach
    void cleanUp() throws Exception {
        Workbench.forget(launch);
    }

    @Test
    void commandsRunOnTheSimulatedMachine() throws Exception {
        DebugUIPlugin.getDefault().getPreferenceStore().setValue(
                IInternalDebugUIConstants.PREF_SWITCH_PERSPECTIVE_ON_SUSPEND, MessageDialogWithToggle.ALWAYS);
        IJavaProject project = WorkloadProjects.create("shell-workloads",
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 10; i++) {\n            sys.compute(10_000_000L);\n        }\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "2");
        SimulationSettings.writeWorkloads(wc, List.of(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.COUNT, "2")));
        KernelEventBreakpoint.create(BreakpointKind.SCHED_SWITCH, KernelEventBreakpoint.Filter.NONE);
        launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.DEBUG_MODE);
        Workbench.waitFor(() -> SimulationSession.of(launch).flatMap(SimulationSession::target)
                .map(KernelDebugTarget::isSuspended).orElse(false), 60_000, "the first context switch");
        SimulationSession session = SimulationSession.of(launch).orElseThrow();

        SyscallShellConsole console = SyscallShellConsoleFactory.open(session);
        Workbench.waitFor(() -> console.getDocument().get().contains("kernellab> "), 10_000, "the prompt");
        console.getInputStream().appendData("setweight 2 3\n");
        Workbench.waitFor(() -> console.getDocument().get().contains("sched_setweight(2, 3) = 0\n"), 10_000,
                () -> "the result of setweight; the console shows " + console.getDocument().get());
        console.getInputStream().appendData("setweight 99 3\n");
        Workbench.waitFor(() -> console.getDocument().get().contains("sched_setweight(99, 3) = -1 ESRCH (No such process)\n"),
                10_000, "the ESRCH of a missing pid");
        console.getInputStream().appendData("cat /proc/2/sched\n");
        String sched = session.server().readFile(new ProcFileParams("/proc/2/sched")).get().text();
        Workbench.waitFor(() -> console.getDocument().get().contains(sched), 10_000, "/proc/2/sched in the console");
        assertTrue(sched.contains("wrr.weight"), sched);
        Screenshots.save(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "syscall-shell-console");
    }
}
