package kernellab.ui.launch;

import java.util.List;
import java.util.Optional;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadClasses;
import kernellab.ui.internal.Messages;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.launching.IJavaLaunchConfigurationConstants;
import org.eclipse.jdt.ui.JavaElementLabelProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;

/**
 * The scheduler: the class that serves SCHED_WRR (the built-in reference or one of the project's
 * {@code kernellab.api.sched.SchedClassOps}, as a BPF scheduler replaces sched_ext's), whether it
 * also takes the fair tasks, its stall watchdog; init's policy, the WRR base slice, load balancing
 * and RT throttling.
 */
public final class SchedulerTab extends SimulationTab {

    /** Key of the widget data telling which of the two implementation radios a button is (tests find them by it). */
    static final String IMPLEMENTATION_KEY = "kernellab.schedImplementation";

    private Button builtIn;
    private Button ownClass;
    private Text schedClass;
    private Button browse;
    /** The project of the configuration last shown or checked, whose classes Browse… lists. */
    private String projectName = "";

    @Override
    void createFields(Composite top) {
        Group implementation = group(top, Messages.SchedulerTab_implementationGroup);
        builtIn = radio(implementation, Messages.SchedulerTab_builtIn, "builtIn");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(builtIn);
        ownClass = radio(implementation, Messages.SchedulerTab_ownClass, "project");
        schedClass = new Text(implementation, SWT.BORDER);
        schedClass.setToolTipText(Messages.SchedulerTab_ownClassTip);
        schedClass.setData(ATTRIBUTE_KEY, KernelLabLaunching.ATTR_SCHED_CLASS);
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(schedClass);
        schedClass.addModifyListener(e -> changed());
        browse = createPushButton(implementation, Messages.SchedulerTab_browseClass, null);
        browse.addListener(SWT.Selection, e -> chooseSchedClass());
        check(implementation, Messages.SchedulerTab_replaceFair, Messages.SchedulerTab_replaceFairTip,
                KernelLabLaunching.ATTR_REPLACE_FAIR, false);
        text(implementation, Messages.SchedulerTab_watchdog, Messages.SchedulerTab_watchdogTip,
                KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS, SimulationSettings.DEFAULT_SCHED_WATCHDOG_MS);

        Group wrr = group(top, Messages.SchedulerTab_wrrGroup);
        combo(wrr, Messages.SchedulerTab_initPolicy, Messages.SchedulerTab_initPolicyTip,
                KernelLabLaunching.ATTR_INIT_POLICY, SimulationSettings.INIT_POLICIES, SimulationSettings.DEFAULT_INIT_POLICY);
        text(wrr, Messages.SchedulerTab_baseSlice, Messages.SchedulerTab_baseSliceTip,
                KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS, SimulationSettings.DEFAULT_WRR_BASE_SLICE_MS);
        text(wrr, Messages.SchedulerTab_balancePeriod, Messages.SchedulerTab_balancePeriodTip,
                KernelLabLaunching.ATTR_BALANCE_PERIOD_MS, SimulationSettings.DEFAULT_BALANCE_PERIOD_MS);
        check(wrr, Messages.SchedulerTab_idleBalance, Messages.SchedulerTab_idleBalanceTip,
                KernelLabLaunching.ATTR_IDLE_BALANCE, true);
        Group rt = group(top, Messages.SchedulerTab_rtGroup);
        check(rt, Messages.SchedulerTab_rtThrottling, Messages.SchedulerTab_rtThrottlingTip,
                KernelLabLaunching.ATTR_RT_THROTTLING, true);
    }

    private Button radio(Composite parent, String label, String which) {
        Button radio = new Button(parent, SWT.RADIO);
        radio.setText(label);
        radio.setData(IMPLEMENTATION_KEY, which);
        radio.addListener(SWT.Selection, e -> {
            if (radio.getSelection()) {
                enableClassField();
                changed();
            }
        });
        return radio;
    }

    private void enableClassField() {
        schedClass.setEnabled(ownClass.getSelection());
        browse.setEnabled(ownClass.getSelection());
    }

    private void chooseSchedClass() {
        Optional<String> problem = WorkloadClasses.checkProject(projectName);
        if (problem.isPresent()) {
            setErrorMessage(problem.get());
            updateLaunchConfigurationDialog();
            return;
        }
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(getShell(),
                new JavaElementLabelProvider(JavaElementLabelProvider.SHOW_POST_QUALIFIED));
        dialog.setTitle(Messages.SchedulerTab_chooseClassTitle);
        dialog.setMessage(Messages.SchedulerTab_chooseClassMessage);
        dialog.setEmptyListMessage(Messages.SchedulerTab_noSchedClasses);
        dialog.setElements(schedClasses().toArray());
        if (dialog.open() == Window.OK) {
            schedClass.setText(((IType) dialog.getFirstResult()).getFullyQualifiedName());
        }
    }

    /** @return the concrete source classes of the project that implement the scheduling-class operations */
    List<IType> schedClasses() {
        return concreteSourceClasses(WorkloadClasses.javaProject(projectName), List.of(KernelLabLaunching.SCHED_CLASS_TYPE));
    }

    @Override
    void initializeOtherFields(ILaunchConfiguration configuration) throws CoreException {
        projectName = configuration.getAttribute(IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, "");
        String name = configuration.getAttribute(KernelLabLaunching.ATTR_SCHED_CLASS, SimulationSettings.BUILT_IN_SCHED_CLASS);
        boolean own = !name.isBlank();
        builtIn.setSelection(!own);
        ownClass.setSelection(own);
        schedClass.setText(name);
        enableClassField();
    }

    @Override
    void applyOtherFields(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLabLaunching.ATTR_SCHED_CLASS,
                ownClass.getSelection() ? schedClass.getText() : SimulationSettings.BUILT_IN_SCHED_CLASS);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        super.setDefaults(configuration);
        configuration.setAttribute(KernelLabLaunching.ATTR_SCHED_CLASS, SimulationSettings.BUILT_IN_SCHED_CLASS);
    }

    @Override
    Optional<String> check(SimulationSettings settings) {
        projectName = settings.projectName();
        Optional<String> problem = settings.checkScheduler();
        if (problem.isPresent() || !ownClass.getSelection()) {
            return problem;
        }
        if (!settings.hasOwnSchedClass()) {
            return Optional.of(Messages.SchedulerTab_noClass);
        }
        problem = WorkloadClasses.checkProject(settings.projectName());
        if (problem.isPresent()) {
            return problem;
        }
        return WorkloadClasses.checkSchedClass(WorkloadClasses.javaProject(settings.projectName()), settings.schedClass());
    }

    @Override
    public String getName() {
        return Messages.SchedulerTab_name;
    }

    @Override
    public String getId() {
        return "kernellab.ui.launch.schedulerTab";
    }
}
