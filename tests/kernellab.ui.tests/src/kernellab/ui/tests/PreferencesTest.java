package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.preferences.KernelLabPreferences;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Window > Preferences > KernelLab: the defaults of new launch configurations and the views' refresh rate. */
class PreferencesTest {

    @AfterEach
    void restoreDefaults() throws Exception {
        KernelLabPreferences.store().setToDefault(KernelLabLaunching.ATTR_CPUS);
        KernelLabPreferences.store().setToDefault(KernelLabPreferences.REFRESH_PER_SECOND);
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    @Test
    void newConfigurationsTakeTheMachineFromThePreferences() throws Exception {
        IJavaProject project = WorkloadProjects.create("prefs-workloads", WorkloadProjects.hog("Hog"));
        assertEquals("4", SimulationSettings.read(
                SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"))).cpus());

        KernelLabPreferences.store().setValue(KernelLabLaunching.ATTR_CPUS, "8");
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"));
        assertEquals("8", SimulationSettings.read(configuration).cpus());
    }

    @Test
    void theRefreshRateStaysWithinTenPerSecond() {
        assertEquals(10, KernelLabPreferences.refreshPerSecond());
        KernelLabPreferences.store().setValue(KernelLabPreferences.REFRESH_PER_SECOND, 50);
        assertEquals(10, KernelLabPreferences.refreshPerSecond());
        KernelLabPreferences.store().setValue(KernelLabPreferences.REFRESH_PER_SECOND, 2);
        assertEquals(2, KernelLabPreferences.refreshPerSecond());
    }

    @Test
    void thePreferencePageOpens() {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "kernellab.ui.preferences", null, null);
        assertNotNull(dialog);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Workbench.spin(300);
            assertEquals("KernelLab", ((PreferencePage) dialog.getSelectedPage()).getTitle());
            Screenshots.save(dialog.getShell(), "preferences");
        } finally {
            dialog.close();
        }
    }
}
