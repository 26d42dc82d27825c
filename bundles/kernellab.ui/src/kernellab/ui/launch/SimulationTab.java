package kernellab.ui.launch;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kernellab.launch.SimulationSettings;
import kernellab.ui.preferences.KernelLabPreferences;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jdt.core.Flags;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IType;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import kernellab.ui.KernelLabUi;

/**
 * A tab of the KernelLab launch dialog whose fields each edit one launch attribute. Values are
 * stored as typed, so a wrong one stays visible after the dialog is closed and reopened; the tab
 * reports the first problem of its part of {@link SimulationSettings} as the dialog's error.
 */
abstract class SimulationTab extends AbstractLaunchConfigurationTab {

    /** Key of the widget data naming the attribute a control edits (tests find controls by it). */
    static final String ATTRIBUTE_KEY = "kernellab.attribute";

    private final Map<String, Text> texts = new LinkedHashMap<>();
    private final Map<String, String> textDefaults = new LinkedHashMap<>();
    private final Map<String, Combo> combos = new LinkedHashMap<>();
    private final Map<String, String> comboDefaults = new LinkedHashMap<>();
    private final Map<String, Button> checks = new LinkedHashMap<>();
    private final Map<String, Boolean> checkDefaults = new LinkedHashMap<>();
    private boolean initializing;

    /** @return this tab's part of the settings' checks */
    abstract Optional<String> check(SimulationSettings settings);

    @Override
    public void createControl(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(top);
        createFields(top);
        setControl(top);
    }

    /** Adds this tab's groups and fields to {@code top}, a one-column grid. */
    abstract void createFields(Composite top);

    Group group(Composite parent, String label) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(label);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        return group;
    }

    Text text(Composite parent, String label, String tooltip, String attribute, String defaultValue) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setToolTipText(tooltip);
        text.setData(ATTRIBUTE_KEY, attribute);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(120, SWT.DEFAULT).applyTo(text);
        text.addModifyListener(e -> changed());
        texts.put(attribute, text);
        textDefaults.put(attribute, defaultValue);
        return text;
    }

    /** Like {@link #text}, leaving the third column for a button beside the field. */
    Text textBesideButton(Composite parent, String label, String tooltip, String attribute, String defaultValue) {
        Text text = text(parent, label, tooltip, attribute, defaultValue);
        ((GridData) text.getLayoutData()).horizontalSpan = 1;
        return text;
    }

    Combo combo(Composite parent, String label, String tooltip, String attribute, List<String> items, String defaultValue) {
        new Label(parent, SWT.NONE).setText(label);
        Combo combo = new Combo(parent, SWT.DROP_DOWN | SWT.READ_ONLY);
        combo.setItems(items.toArray(String[]::new));
        combo.setToolTipText(tooltip);
        combo.setData(ATTRIBUTE_KEY, attribute);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(combo);
        combo.addModifyListener(e -> changed());
        combos.put(attribute, combo);
        comboDefaults.put(attribute, defaultValue);
        return combo;
    }

    Button check(Composite parent, String label, String tooltip, String attribute, boolean defaultValue) {
        Button check = new Button(parent, SWT.CHECK);
        check.setText(label);
        check.setToolTipText(tooltip);
        check.setData(ATTRIBUTE_KEY, attribute);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(check);
        check.addListener(SWT.Selection, e -> changed());
        checks.put(attribute, check);
        checkDefaults.put(attribute, defaultValue);
        return check;
    }

    /** Called when the user changed a field: refreshes the dialog's buttons and message. */
    void changed() {
        if (!initializing) {
            updateLaunchConfigurationDialog();
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        textDefaults.forEach((a, d) -> configuration.setAttribute(a, KernelLabPreferences.launchDefault(a, d)));
        comboDefaults.forEach((a, d) -> configuration.setAttribute(a, KernelLabPreferences.launchDefault(a, d)));
        checkDefaults.forEach(configuration::setAttribute);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        initializing = true;
        try {
            for (var e : texts.entrySet()) {
                e.getValue().setText(configuration.getAttribute(e.getKey(), textDefaults.get(e.getKey())));
            }
            for (var e : combos.entrySet()) {
                String value = configuration.getAttribute(e.getKey(), comboDefaults.get(e.getKey()));
                Combo combo = e.getValue();
                int index = combo.indexOf(value);
                if (index < 0) {
                    combo.add(value);
                    index = combo.indexOf(value);
                }
                combo.select(index);
            }
            for (var e : checks.entrySet()) {
                e.getValue().setSelection(configuration.getAttribute(e.getKey(), checkDefaults.get(e.getKey())));
            }
            initializeOtherFields(configuration);
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            KernelLabUi.log(e);
        } finally {
            initializing = false;
        }
    }

    /** Fills the fields that are not plain texts, combos or checks. */
    void initializeOtherFields(ILaunchConfiguration configuration) throws CoreException {
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        texts.forEach((attribute, text) -> configuration.setAttribute(attribute, text.getText()));
        combos.forEach((attribute, combo) -> configuration.setAttribute(attribute, combo.getText()));
        checks.forEach((attribute, check) -> configuration.setAttribute(attribute, check.getSelection()));
        applyOtherFields(configuration);
    }

    /** Stores the fields that are not plain texts, combos or checks. */
    void applyOtherFields(ILaunchConfigurationWorkingCopy configuration) {
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        try {
            ILaunchConfigurationWorkingCopy current = configuration.getWorkingCopy();
            performApply(current);
            Optional<String> problem = check(SimulationSettings.read(current));
            problem.ifPresent(this::setErrorMessage);
            return problem.isEmpty();
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }

    /**
     * @param apiTypes fully qualified names of the API types
     * @return the concrete source classes of {@code javaProject} that implement one of
     *         {@code apiTypes}, sorted by name (JDT's type hierarchy, as Open Type does)
     */
    static List<IType> concreteSourceClasses(IJavaProject javaProject, List<String> apiTypes) {
        Set<IType> found = new LinkedHashSet<>();
        try {
            for (String api : apiTypes) {
                IType type = javaProject.findType(api);
                if (type == null) {
                    continue;
                }
                for (IType sub : type.newTypeHierarchy(javaProject, null).getAllSubtypes(type)) {
                    if (!sub.isBinary() && sub.isClass() && !Flags.isAbstract(sub.getFlags())) {
                        found.add(sub);
                    }
                }
            }
        } catch (CoreException e) {
            KernelLabUi.log(e);
        }
        return found.stream().sorted(Comparator.comparing(IType::getFullyQualifiedName)).toList();
    }

    @Override
    public boolean canSave() {
        return true;
    }
}
