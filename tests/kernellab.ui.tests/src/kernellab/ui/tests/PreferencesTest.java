package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.runner.protocol.FrameOwner;
import kernellab.ui.preferences.KernelLabPreferences;
import kernellab.ui.preferences.ViewColours;
import kernellab.ui.views.PolicyClass;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceConverter;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Window > Preferences > KernelLab: the defaults of new launch configurations, the views' refresh rate and colours. */
class PreferencesTest {

    @AfterEach
    void restoreDefaults() throws Exception {
        KernelLabPreferences.store().setToDefault(KernelLabLaunching.ATTR_CPUS);
        KernelLabPreferences.store().setToDefault(KernelLabPreferences.REFRESH_PER_SECOND);
        KernelLabPreferences.store().setToDefault(ViewColours.key(PolicyClass.RT));
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
    void theViewsColoursComeFromThePreferencesAndChangeAtOnce() {
        for (PolicyClass c : PolicyClass.values()) {
            assertEquals(PreferenceConverter.getDefaultColor(KernelLabPreferences.store(), ViewColours.key(c)),
                    ViewColours.of(c).getRGB(), c.name());
        }
        for (FrameOwner o : FrameOwner.values()) {
            assertEquals(PreferenceConverter.getDefaultColor(KernelLabPreferences.store(), ViewColours.key(o)),
                    ViewColours.of(o).getRGB(), o.name());
        }
        assertEquals(new RGB(200, 30, 30), ViewColours.of(PolicyClass.RT).getRGB(), "RT is red by default");
        PreferenceConverter.setValue(KernelLabPreferences.store(), ViewColours.key(PolicyClass.RT), new RGB(1, 2, 3));
        assertEquals(new RGB(1, 2, 3), ViewColours.of(PolicyClass.RT).getRGB());
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
            PreferencePage kernelLab = (PreferencePage) dialog.getSelectedPage();
            assertEquals("KernelLab", kernelLab.getTitle());
            List<String> labels = new ArrayList<>();
            collectLabels(kernelLab.getControl(), labels);
            for (PolicyClass c : PolicyClass.values()) {
                assertTrue(labels.contains(ViewColours.label(c)), c + " has a colour field: " + labels);
            }
            for (FrameOwner o : FrameOwner.values()) {
                assertTrue(labels.contains(ViewColours.label(o)), o + " has a colour field: " + labels);
            }
            Screenshots.save(dialog.getShell(), "preferences");
        } finally {
            dialog.close();
        }
    }

    private static void collectLabels(Control control, List<String> labels) {
        if (control instanceof Label label) {
            labels.add(label.getText());
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collectLabels(child, labels);
            }
        }
    }
}
