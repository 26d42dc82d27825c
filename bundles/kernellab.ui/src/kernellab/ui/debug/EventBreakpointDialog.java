package kernellab.ui.debug;

import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.ui.internal.Messages;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

/** "Add KernelLab Event Breakpoint": choose the event and its filters; OK adds the breakpoint. */
public final class EventBreakpointDialog extends TitleAreaDialog {

    private EventBreakpointEditor editor;
    private KernelEventBreakpoint created;

    public EventBreakpointDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Breakpoint_dialogTitle);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(Messages.Breakpoint_dialogTitle);
        setMessage(Messages.Breakpoint_dialogMessage);
        editor = new EventBreakpointEditor(area, this::validate);
        return area;
    }

    private void validate() {
        String problem = editor.check().orElse(null);
        setErrorMessage(problem);
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
        }
    }

    @Override
    protected void okPressed() {
        try {
            created = KernelEventBreakpoint.create(editor.kind(), editor.filter());
            super.okPressed();
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    /** @return the breakpoint OK created, or {@code null} */
    public KernelEventBreakpoint created() {
        return created;
    }
}
