package kernellab.ui.debug;

import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.ui.KernelLabUi;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.dialogs.PropertyPage;

/** Properties of a KernelLab event breakpoint: its event and filters, edited in place. */
public final class EventBreakpointPropertyPage extends PropertyPage {

    private EventBreakpointEditor editor;

    @Override
    protected Control createContents(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        area.setLayout(new GridLayout());
        editor = new EventBreakpointEditor(area, this::validate);
        KernelEventBreakpoint breakpoint = breakpoint();
        editor.set(breakpoint.kind(), breakpoint.filter());
        return area;
    }

    private void validate() {
        String problem = editor.check().orElse(null);
        setErrorMessage(problem);
        setValid(problem == null);
    }

    @Override
    public boolean performOk() {
        try {
            breakpoint().write(editor.kind(), editor.filter());
            return true;
        } catch (CoreException e) {
            KernelLabUi.log(e);
            setErrorMessage(e.getMessage());
            return false;
        }
    }

    private KernelEventBreakpoint breakpoint() {
        return Adapters.adapt(getElement(), KernelEventBreakpoint.class);
    }
}
