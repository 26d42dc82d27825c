package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.ui.launch.SimulationLaunchShortcut;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Run Configurations dialog on a KernelLab configuration, as a student opens it from Run > Run Configurations… */
class LaunchDialogTest {

    private static IJavaProject project;
    private LaunchConfigurationsDialog dialog;

    @BeforeAll
    static void createWorkloadProject() throws Exception {
        project = WorkloadProjects.create("dialog-workloads", WorkloadProjects.hog("Hog"));
    }

    @AfterEach
    void closeDialogAndDeleteConfigurations() throws Exception {
        if (dialog != null && dialog.getShell() != null) {
            dialog.close();
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    @Test
    void showsKernelLabsTabsThenJdtsAndABadValueBlocksTheLaunch() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"));
        dialog = new LaunchConfigurationsDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                DebugUIPlugin.getDefault().getLaunchConfigurationManager().getLaunchGroup(IDebugUIConstants.ID_RUN_LAUNCH_GROUP));
        dialog.setOpenMode(LaunchConfigurationsDialog.LAUNCH_CONFIGURATION_DIALOG_OPEN_ON_SELECTION);
        dialog.setInitialSelection(new StructuredSelection(configuration));
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().setSize(1000, 700);
        Workbench.spin(300);

        List<String> names = Arrays.stream(dialog.getTabs()).map(ILaunchConfigurationTab::getName).toList();
        assertEquals(List.of("Workloads", "Machine", "Scheduler", "Trace"), names.subList(0, 4), names.toString());
        assertTrue(names.containsAll(List.of("JRE", "Arguments", "Classpath", "Common")), names.toString());
        assertNull(dialog.getErrorMessage());
        assertTrue(dialog.getTabViewer().canLaunch());
        Screenshots.save(dialog.getShell(), "launch-dialog-workloads");

        ILaunchConfigurationTab machine = dialog.getTabs()[1];
        dialog.setActiveTab(machine);
        Workbench.spin(300);
        Text cpus = (Text) LaunchTabsTest.control(machine, KernelLabLaunching.ATTR_CPUS);
        cpus.setText("0");
        // the dialog validates in an update job a moment after the edit
        String outOfRange = "CPUs must be from 1 to 1024; 0 is out of range.";
        Workbench.waitFor(() -> outOfRange.equals(dialog.getErrorMessage()), 10_000,
                () -> "the dialog to report the bad CPU count; it says " + dialog.getErrorMessage());
        assertFalse(dialog.getTabViewer().canLaunch(), "the Run button must be disabled");
        Screenshots.save(dialog.getShell(), "launch-dialog-error");

        cpus.setText("4");
        Workbench.waitFor(() -> dialog.getErrorMessage() == null, 10_000,
                () -> "the dialog to accept 4 CPUs; it says " + dialog.getErrorMessage());
        assertTrue(dialog.getTabViewer().canLaunch());
    }
}
