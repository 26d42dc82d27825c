package kernellab.ui.preferences;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import kernellab.runner.protocol.FrameOwner;
import kernellab.ui.internal.Messages;
import kernellab.ui.views.PolicyClass;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceConverter;
import org.eclipse.jface.util.IPropertyChangeListener;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;

/**
 * The colours of the KernelLab views, set in Window &gt; Preferences &gt; KernelLab: one per
 * scheduling class (the CPU Timeline's policy patterns) and one per page-frame owner (the Buddy
 * view's map of physical memory). A view registers with {@link #onChange} and redraws when the
 * user picks another colour.
 */
public final class ViewColours {

    private static final String PREFIX = "kernellab.ui.colour.";

    private static final Map<PolicyClass, RGB> POLICY_DEFAULTS = Map.of(PolicyClass.RT, new RGB(200, 30, 30),
            PolicyClass.WRR, new RGB(30, 70, 190), PolicyClass.CFS, new RGB(20, 130, 50), PolicyClass.IDLE,
            new RGB(120, 120, 120));

    private static final Map<FrameOwner, RGB> OWNER_DEFAULTS = Map.of(FrameOwner.FREE, new RGB(150, 210, 140),
            FrameOwner.SLAB, new RGB(230, 120, 60), FrameOwner.ANON, new RGB(210, 80, 160), FrameOwner.PAGE_CACHE,
            new RGB(80, 160, 230), FrameOwner.PAGE_TABLE, new RGB(140, 90, 200), FrameOwner.KERNEL, new RGB(110, 110, 140));

    /** Colours in use, by preference key; a changed colour preference drops its entry. */
    private static final Map<String, Color> COLOURS = new ConcurrentHashMap<>();

    static {
        KernelLabPreferences.store().addPropertyChangeListener(event -> COLOURS.remove(event.getProperty()));
    }

    private ViewColours() {
    }

    /** @return the preference key of a scheduling class's colour */
    public static String key(PolicyClass policyClass) {
        return PREFIX + "policy." + policyClass.name();
    }

    /** @return the preference key of a frame owner's colour */
    public static String key(FrameOwner owner) {
        return PREFIX + "frame." + owner.name();
    }

    /** @return the colour of a scheduling class */
    public static Color of(PolicyClass policyClass) {
        return colour(key(policyClass));
    }

    /** @return the colour of a frame owner */
    public static Color of(FrameOwner owner) {
        return colour(key(owner));
    }

    /** @return the name of a frame owner as the Buddy view's legend and the preference page show it */
    public static String label(FrameOwner owner) {
        return switch (owner) {
            case FREE -> Messages.FrameOwner_free;
            case SLAB -> Messages.FrameOwner_slab;
            case ANON -> Messages.FrameOwner_anon;
            case PAGE_CACHE -> Messages.FrameOwner_pageCache;
            case PAGE_TABLE -> Messages.FrameOwner_pageTable;
            case KERNEL -> Messages.FrameOwner_kernel;
        };
    }

    /** @return the name of a scheduling class as the CPU Timeline's legend and the preference page show it */
    public static String label(PolicyClass policyClass) {
        return switch (policyClass) {
            case RT -> Messages.PolicyClass_rt;
            case WRR -> Messages.PolicyClass_wrr;
            case CFS -> Messages.PolicyClass_cfs;
            case IDLE -> Messages.PolicyClass_idle;
        };
    }

    /**
     * Runs {@code changed} on the UI thread whenever a colour preference changes, as long as
     * {@code control} lives.
     */
    public static void onChange(Control control, Runnable changed) {
        IPropertyChangeListener listener = event -> {
            if (event.getProperty().startsWith(PREFIX) && !control.isDisposed()) {
                control.getDisplay().asyncExec(() -> {
                    if (!control.isDisposed()) {
                        changed.run();
                    }
                });
            }
        };
        KernelLabPreferences.store().addPropertyChangeListener(listener);
        control.addDisposeListener(e -> KernelLabPreferences.store().removePropertyChangeListener(listener));
    }

    static void setDefaults(IPreferenceStore store) {
        POLICY_DEFAULTS.forEach((c, rgb) -> PreferenceConverter.setDefault(store, key(c), rgb));
        OWNER_DEFAULTS.forEach((o, rgb) -> PreferenceConverter.setDefault(store, key(o), rgb));
    }

    private static Color colour(String key) {
        return COLOURS.computeIfAbsent(key, k -> new Color(PreferenceConverter.getColor(KernelLabPreferences.store(), k)));
    }
}
