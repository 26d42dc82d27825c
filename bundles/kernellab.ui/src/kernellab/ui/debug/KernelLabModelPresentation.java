package kernellab.ui.debug;

import kernellab.launch.model.KernelEventBreakpoint;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorInput;

/**
 * Labels of KernelLab's debug model: event breakpoints read as what they stop at
 * ("sched_switch on CPU 1, next comm=hog*"); the simulated kernel, its CPUs and their frames
 * name themselves; a value's detail is its text.
 */
public final class KernelLabModelPresentation extends LabelProvider implements IDebugModelPresentation {

    @Override
    public String getText(Object element) {
        if (element instanceof KernelEventBreakpoint breakpoint) {
            return breakpoint.label();
        }
        return null;
    }

    @Override
    public Image getImage(Object element) {
        if (element instanceof KernelEventBreakpoint breakpoint) {
            try {
                return DebugUITools.getImage(breakpoint.isEnabled() ? IDebugUIConstants.IMG_OBJS_BREAKPOINT
                        : IDebugUIConstants.IMG_OBJS_BREAKPOINT_DISABLED);
            } catch (CoreException e) {
                return DebugUITools.getImage(IDebugUIConstants.IMG_OBJS_BREAKPOINT);
            }
        }
        return null;
    }

    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        try {
            listener.detailComputed(value, value.getValueString());
        } catch (CoreException e) {
            listener.detailComputed(value, e.getMessage());
        }
    }

    @Override
    public void setAttribute(String attribute, Object value) {
        // no presentation options
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        return null;
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        return null;
    }
}
