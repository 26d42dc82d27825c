package kernellab.ui.launch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadClasses;
import kernellab.launch.WorkloadRow;
import kernellab.ui.KernelLabUi;
import kernellab.ui.internal.Messages;
import kernellab.ui.preferences.KernelLabPreferences;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut2;
import org.eclipse.jdt.core.ICompilationUnit;
import org.eclipse.jdt.core.IJavaElement;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.ITypeRoot;
import org.eclipse.jdt.launching.IJavaLaunchConfigurationConstants;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;

/**
 * Run As / Debug As &gt; KernelLab Simulation on a workload class, in the Package Explorer or the
 * Java editor: reuses the configuration that runs exactly that class in that project, or creates
 * one with the lab's defaults (one SCHED_WRR task of weight 10 on 4 CPUs).
 */
public final class SimulationLaunchShortcut implements ILaunchShortcut2 {

    @Override
    public void launch(ISelection selection, String mode) {
        workloadIn(selection).ifPresentOrElse(type -> launch(type, mode), SimulationLaunchShortcut::noWorkload);
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        workloadIn(editor).ifPresentOrElse(type -> launch(type, mode), SimulationLaunchShortcut::noWorkload);
    }

    @Override
    public ILaunchConfiguration[] getLaunchConfigurations(ISelection selection) {
        return workloadIn(selection).flatMap(SimulationLaunchShortcut::existingConfiguration)
                .map(c -> new ILaunchConfiguration[] {c}).orElse(null);
    }

    @Override
    public ILaunchConfiguration[] getLaunchConfigurations(IEditorPart editor) {
        return workloadIn(editor).flatMap(SimulationLaunchShortcut::existingConfiguration)
                .map(c -> new ILaunchConfiguration[] {c}).orElse(null);
    }

    @Override
    public IResource getLaunchableResource(ISelection selection) {
        return workloadIn(selection).map(IType::getResource).orElse(null);
    }

    @Override
    public IResource getLaunchableResource(IEditorPart editor) {
        return workloadIn(editor).map(IType::getResource).orElse(null);
    }

    private static void launch(IType type, String mode) {
        try {
            ILaunchConfiguration configuration = existingConfiguration(type).orElse(null);
            if (configuration == null) {
                configuration = createConfiguration(type);
            }
            DebugUITools.launch(configuration, mode);
        } catch (CoreException e) {
            KernelLabUi.log(e);
            MessageDialog.openError(Display.getCurrent().getActiveShell(), Messages.Shortcut_title, e.getMessage());
        }
    }

    /**
     * @return the configuration whose project is the type's and whose only workload is the type;
     *         the most recently listed one when there are several
     */
    public static Optional<ILaunchConfiguration> existingConfiguration(IType type) {
        try {
            String project = type.getJavaProject().getElementName();
            String className = type.getFullyQualifiedName();
            for (ILaunchConfiguration configuration : launchManager().getLaunchConfigurations(simulationType())) {
                SimulationSettings settings = SimulationSettings.read(configuration);
                if (settings.projectName().equals(project) && settings.workloads().size() == 1
                        && settings.workloads().get(0).className().equals(className)) {
                    return Optional.of(configuration);
                }
            }
        } catch (CoreException e) {
            KernelLabUi.log(e);
        }
        return Optional.empty();
    }

    /** Creates and saves a configuration running {@code type} with the machine and scheduler of the preferences. */
    public static ILaunchConfiguration createConfiguration(IType type) throws CoreException {
        ILaunchConfigurationWorkingCopy wc = simulationType().newInstance(null,
                launchManager().generateLaunchConfigurationName(type.getElementName()));
        wc.setAttribute(IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, type.getJavaProject().getElementName());
        SimulationSettings.writeWorkloads(wc, List.of(WorkloadRow.of(type.getFullyQualifiedName())));
        KernelLabPreferences.applyLaunchDefaults(wc);
        wc.setMappedResources(new IResource[] {type.getResource()});
        return wc.doSave();
    }

    private static Optional<IType> workloadIn(ISelection selection) {
        if (selection instanceof IStructuredSelection structured && structured.size() == 1
                && structured.getFirstElement() instanceof IAdaptable adaptable) {
            return workloadOf(adaptable.getAdapter(IJavaElement.class));
        }
        return Optional.empty();
    }

    private static Optional<IType> workloadIn(IEditorPart editor) {
        ITypeRoot root = JavaUI.getEditorInputTypeRoot(editor.getEditorInput());
        return workloadOf(root);
    }

    private static Optional<IType> workloadOf(IJavaElement element) {
        try {
            List<IType> candidates = switch (element) {
                case IType type -> List.of(type);
                case ICompilationUnit unit -> Arrays.asList(unit.getTypes());
                case ITypeRoot root -> Optional.ofNullable(root.findPrimaryType()).stream().toList();
                case null, default -> List.of();
            };
            for (IType type : candidates) {
                if (type != null && WorkloadClasses.isWorkload(type)) {
                    return Optional.of(type);
                }
            }
        } catch (CoreException e) {
            KernelLabUi.log(e);
        }
        return Optional.empty();
    }

    private static void noWorkload() {
        MessageDialog.openInformation(Display.getCurrent().getActiveShell(), Messages.Shortcut_title,
                Messages.Shortcut_noWorkload);
    }

    private static ILaunchManager launchManager() {
        return DebugPlugin.getDefault().getLaunchManager();
    }

    private static ILaunchConfigurationType simulationType() {
        return launchManager().getLaunchConfigurationType(KernelLabLaunching.ID_SIMULATION);
    }
}
