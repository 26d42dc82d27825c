package kernellab.ui.preferences;

import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.internal.Messages;

import kernellab.runner.protocol.FrameOwner;
import kernellab.ui.views.PolicyClass;

import org.eclipse.jface.preference.ColorFieldEditor;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/**
 * Window &gt; Preferences &gt; KernelLab: the machine and scheduler new launch configurations start
 * with, the views' refresh rate, and their colours: one per scheduling class (the CPU Timeline's
 * patterns) and one per owner of a page frame (the Buddy view's map).
 */
public final class KernelLabPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public KernelLabPreferencePage() {
        super(GRID);
        setPreferenceStore(KernelLabPreferences.store());
        setDescription(Messages.Preferences_description);
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor cpus = new IntegerFieldEditor(KernelLabLaunching.ATTR_CPUS, Messages.Preferences_cpus,
                getFieldEditorParent());
        cpus.setValidRange(1, SimulationSettings.MAX_CPUS);
        addField(cpus);
        IntegerFieldEditor memory = new IntegerFieldEditor(KernelLabLaunching.ATTR_MEMORY_MIB, Messages.Preferences_memory,
                getFieldEditorParent());
        memory.setValidRange(SimulationSettings.MIN_MEMORY_MIB, SimulationSettings.MAX_MEMORY_MIB);
        addField(memory);
        addField(new ComboFieldEditor(KernelLabLaunching.ATTR_HZ, Messages.Preferences_hz,
                choices(SimulationSettings.HZ_VALUES), getFieldEditorParent()));
        addField(new StringFieldEditor(KernelLabLaunching.ATTR_SEED, Messages.Preferences_seed, getFieldEditorParent()));
        addField(new ComboFieldEditor(KernelLabLaunching.ATTR_INIT_POLICY, Messages.Preferences_initPolicy,
                choices(SimulationSettings.INIT_POLICIES), getFieldEditorParent()));
        IntegerFieldEditor slice = new IntegerFieldEditor(KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS,
                Messages.Preferences_baseSlice, getFieldEditorParent());
        slice.setValidRange(1, 1000);
        addField(slice);
        IntegerFieldEditor balance = new IntegerFieldEditor(KernelLabLaunching.ATTR_BALANCE_PERIOD_MS,
                Messages.Preferences_balancePeriod, getFieldEditorParent());
        balance.setValidRange(1, 60_000);
        addField(balance);
        IntegerFieldEditor refresh = new IntegerFieldEditor(KernelLabPreferences.REFRESH_PER_SECOND,
                Messages.Preferences_refresh, getFieldEditorParent());
        refresh.setValidRange(1, KernelLabPreferences.MAX_REFRESH_PER_SECOND);
        addField(refresh);

        label(Messages.Preferences_policyColours);
        for (PolicyClass c : PolicyClass.values()) {
            addField(new ColorFieldEditor(ViewColours.key(c), ViewColours.label(c), getFieldEditorParent()));
        }
        label(Messages.Preferences_frameColours);
        for (FrameOwner o : FrameOwner.values()) {
            addField(new ColorFieldEditor(ViewColours.key(o), ViewColours.label(o), getFieldEditorParent()));
        }
    }

    /** A heading spanning the page's two columns. */
    private void label(String text) {
        Label label = new Label(getFieldEditorParent(), SWT.NONE);
        label.setText(text);
        label.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
    }

    private static String[][] choices(List<String> values) {
        return values.stream().map(v -> new String[] {v, v}).toArray(String[][]::new);
    }
}
