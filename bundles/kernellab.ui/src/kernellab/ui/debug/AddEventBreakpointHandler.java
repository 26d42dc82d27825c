package kernellab.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** The Breakpoints view's "Add KernelLab Event Breakpoint…" command. */
public final class AddEventBreakpointHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        new EventBreakpointDialog(HandlerUtil.getActiveShell(event)).open();
        return null;
    }
}
