package kernellab.ui.preferences;

import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.KernelLabUi;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * KernelLab's preferences: the machine and scheduler a new launch configuration starts with
 * (keys are the launch attributes they fill), how often the views refresh while a simulation
 * runs, and the views' colours ({@link ViewColours}).
 */
public final class KernelLabPreferences extends AbstractPreferenceInitializer {

    /** Refreshes per second of the KernelLab views while a simulation runs, 1–10. */
    public static final String REFRESH_PER_SECOND = "kernellab.ui.refreshPerSecond";
    /** The most refreshes per second the views allow. */
    public static final int MAX_REFRESH_PER_SECOND = 10;

    /** Launch attributes whose defaults come from the preferences, with their built-in values. */
    static final List<String[]> LAUNCH_DEFAULTS = List.of(
            new String[] {KernelLabLaunching.ATTR_CPUS, SimulationSettings.DEFAULT_CPUS},
            new String[] {KernelLabLaunching.ATTR_MEMORY_MIB, SimulationSettings.DEFAULT_MEMORY_MIB},
            new String[] {KernelLabLaunching.ATTR_HZ, SimulationSettings.DEFAULT_HZ},
            new String[] {KernelLabLaunching.ATTR_SEED, SimulationSettings.DEFAULT_SEED},
            new String[] {KernelLabLaunching.ATTR_INIT_POLICY, SimulationSettings.DEFAULT_INIT_POLICY},
            new String[] {KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS, SimulationSettings.DEFAULT_WRR_BASE_SLICE_MS},
            new String[] {KernelLabLaunching.ATTR_BALANCE_PERIOD_MS, SimulationSettings.DEFAULT_BALANCE_PERIOD_MS});

    private static IPreferenceStore store;

    /** @return KernelLab's preference store (instance scope of kernellab.ui) */
    public static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, KernelLabUi.PLUGIN_ID);
        }
        return store;
    }

    /** @return the default of a launch attribute for new configurations, or {@code fallback} if it has none */
    public static String launchDefault(String attribute, String fallback) {
        return store().contains(attribute) ? store().getString(attribute) : fallback;
    }

    /** Sets the machine and scheduler of a new launch configuration from the preferences. */
    public static void applyLaunchDefaults(ILaunchConfigurationWorkingCopy configuration) {
        LAUNCH_DEFAULTS.forEach(d -> configuration.setAttribute(d[0], launchDefault(d[0], d[1])));
    }

    /** @return the views' refresh rate, 1–{@value #MAX_REFRESH_PER_SECOND} per second */
    public static int refreshPerSecond() {
        return Math.max(1, Math.min(MAX_REFRESH_PER_SECOND, store().getInt(REFRESH_PER_SECOND)));
    }

    @Override
    public void initializeDefaultPreferences() {
        IPreferenceStore s = store();
        LAUNCH_DEFAULTS.forEach(d -> s.setDefault(d[0], d[1]));
        s.setDefault(REFRESH_PER_SECOND, MAX_REFRESH_PER_SECOND);
        ViewColours.setDefaults(s);
    }
}
