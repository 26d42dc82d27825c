package kernellab.ui.wizards;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import kernellab.examples.Example;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.KernelLabUi;
import kernellab.ui.internal.Messages;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;

/**
 * New &gt; KernelLab Workload Project: a Java project that compiles against the "KernelLab API"
 * library, with the example workloads the student picks, opened in the KernelLab perspective.
 */
public final class NewWorkloadProjectWizard extends Wizard implements INewWizard {

    /** The wizard's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.wizards.newWorkloadProject";

    private IWorkbench workbench;
    private WizardNewProjectCreationPage projectPage;
    private ExamplesPage examplesPage;
    private IProject created;

    public NewWorkloadProjectWizard() {
        setWindowTitle(Messages.ProjectWizard_title);
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench currentWorkbench, IStructuredSelection selection) {
        workbench = currentWorkbench;
    }

    @Override
    public void addPages() {
        projectPage = new WizardNewProjectCreationPage("project");
        projectPage.setTitle(Messages.ProjectWizard_pageTitle);
        projectPage.setDescription(Messages.ProjectWizard_pageDescription);
        addPage(projectPage);
        examplesPage = new ExamplesPage();
        addPage(examplesPage);
    }

    @Override
    public boolean performFinish() {
        IProject project = projectPage.getProjectHandle();
        IProjectDescription description = ResourcesPlugin.getWorkspace().newProjectDescription(project.getName());
        if (!projectPage.useDefaults()) {
            description.setLocationURI(projectPage.getLocationURI());
        }
        List<Example> examples = examplesPage.checked();
        List<IFile> files = new ArrayList<>();
        WorkspaceModifyOperation create = new WorkspaceModifyOperation() {
            @Override
            protected void execute(IProgressMonitor monitor) throws CoreException {
                SubMonitor progress = SubMonitor.convert(monitor, 4);
                project.create(description, progress.split(1));
                project.open(progress.split(1));
                WorkloadProjectSupport.configure(project, progress.split(1));
                files.addAll(WorkloadProjectSupport.addExamples(project, examples, progress.split(1)));
            }
        };
        try {
            getContainer().run(true, true, create);
        } catch (InvocationTargetException e) {
            MessageDialog.openError(getShell(), Messages.ProjectWizard_title, e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            return false;
        }
        created = project;
        try {
            workbench.showPerspective(KernelLabPerspective.ID, workbench.getActiveWorkbenchWindow());
        } catch (WorkbenchException e) {
            KernelLabUi.log(new CoreException(e.getStatus()));
        }
        BasicNewResourceWizard.selectAndReveal(files.isEmpty() ? project : files.get(0),
                workbench.getActiveWorkbenchWindow());
        return true;
    }

    /** @return the project Finish created, or {@code null} */
    public IProject created() {
        return created;
    }
}
