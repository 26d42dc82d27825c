package kernellab.ui.wizards;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

import kernellab.ui.KernelLabUi;
import kernellab.ui.internal.Messages;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jdt.core.IJavaElement;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.JavaModelException;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.jdt.ui.wizards.NewTypeWizardPage;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;

/**
 * New &gt; Workload: a class implementing kernellab.api.Workload (user space, {@code run(Syscalls)}),
 * kernellab.api.KernelModule (kernel context, {@code init}/{@code exit}) or
 * kernellab.api.sched.SchedClassOps (a scheduling class serving SCHED_WRR: its required hooks
 * {@code name}, {@code enqueue}, {@code dequeue}, {@code pickNext}), from JDT's class template with
 * the interface's abstract methods stubbed.
 */
public final class NewWorkloadWizard extends Wizard implements INewWizard {

    /** The wizard's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.wizards.newWorkload";
    static final String USER_SPACE = "kernellab.api.Workload";
    static final String KERNEL_MODULE = "kernellab.api.KernelModule";
    static final String SCHED_CLASS = "kernellab.api.sched.SchedClassOps";

    private final WorkloadPage page = new WorkloadPage();
    private IStructuredSelection selection;

    public NewWorkloadWizard() {
        setWindowTitle(Messages.WorkloadWizard_title);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection currentSelection) {
        selection = currentSelection;
    }

    @Override
    public void addPages() {
        page.init(selection);
        addPage(page);
    }

    /** @return the page, for tests that fill it in */
    public NewTypeWizardPage page() {
        return page;
    }

    @Override
    public boolean performFinish() {
        try {
            getContainer().run(false, true, monitor -> {
                try {
                    page.createType(monitor);
                } catch (CoreException e) {
                    throw new InvocationTargetException(e);
                }
            });
            JavaUI.openInEditor(page.getCreatedType());
            return true;
        } catch (InvocationTargetException | InterruptedException | PartInitException | JavaModelException e) {
            KernelLabUi.log(new CoreException(Status.error(e.getMessage(), e)));
            page.setErrorMessage(e.getMessage());
            return false;
        }
    }

    /**
     * JDT's new-type page for a workload class: source folder, package, name, and the kind, which
     * decides the interface it implements; its methods are stubbed like JDT's New Class wizard does.
     */
    private static final class WorkloadPage extends NewTypeWizardPage {
        WorkloadPage() {
            super(true, "workload");
            setTitle(Messages.WorkloadWizard_pageTitle);
            setDescription(Messages.WorkloadWizard_pageDescription);
        }

        void init(IStructuredSelection selection) {
            IJavaElement element = getInitialJavaElement(selection);
            initContainerPage(element);
            initTypePage(element);
            setKind(USER_SPACE);
            doStatusUpdate();
        }

        void setKind(String type) {
            setSuperInterfaces(List.of(type), false);
        }

        @Override
        public void createControl(Composite parent) {
            initializeDialogUnits(parent);
            Composite composite = new Composite(parent, SWT.NONE);
            composite.setFont(parent.getFont());
            int columns = 4;
            composite.setLayout(new GridLayout(columns, false));
            createContainerControls(composite, columns);
            createPackageControls(composite, columns);
            createSeparator(composite, columns);
            createTypeNameControls(composite, columns);
            createKindControls(composite, columns);
            createSuperInterfacesControls(composite, columns);
            createCommentControls(composite, columns);
            setControl(composite);
            Dialog.applyDialogFont(composite);
        }

        private void createKindControls(Composite composite, int columns) {
            Label label = new Label(composite, SWT.NONE);
            label.setText(Messages.WorkloadWizard_kind);
            GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(label);
            Composite kinds = new Composite(composite, SWT.NONE);
            kinds.setLayout(new RowLayout(SWT.VERTICAL));
            GridDataFactory.fillDefaults().span(columns - 1, 1).applyTo(kinds);
            radio(kinds, Messages.WorkloadWizard_userSpace, USER_SPACE, true);
            radio(kinds, Messages.WorkloadWizard_kernelModule, KERNEL_MODULE, false);
            radio(kinds, Messages.WorkloadWizard_schedClass, SCHED_CLASS, false);
        }

        private void radio(Composite parent, String label, String type, boolean selected) {
            Button radio = new Button(parent, SWT.RADIO);
            radio.setText(label);
            radio.setSelection(selected);
            radio.setData("kernellab.workloadKind", type);
            radio.addListener(SWT.Selection, e -> {
                if (radio.getSelection()) {
                    setKind(type);
                }
            });
        }

        @Override
        protected void createTypeMembers(IType type, ImportsManager imports, IProgressMonitor monitor) throws CoreException {
            createInheritedMethods(type, false, true, imports, monitor);
        }

        @Override
        protected void handleFieldChanged(String fieldName) {
            super.handleFieldChanged(fieldName);
            doStatusUpdate();
        }

        private void doStatusUpdate() {
            updateStatus(new IStatus[] {fContainerStatus, fPackageStatus, fTypeNameStatus, fSuperInterfacesStatus});
        }
    }
}
