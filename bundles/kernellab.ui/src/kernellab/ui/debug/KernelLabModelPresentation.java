package kernellab.ui.debug;

import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.ui.KernelLabUi;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.jface.resource.ResourceManager;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorInput;

/**
 * Labels of KernelLab's debug model: event breakpoints read as what they stop at
 * ("sched_switch on CPU 1, next comm=hog*"); the simulated kernel shows KernelLab's chip, its
 * CPUs and their frames name themselves; a value's detail is its text.
 */
public final class KernelLabModelPresentation extends LabelProvider implements IDebugModelPresentation {

    @Override
    public String getText(Object element) {
        if (element instanceof KernelEventBreakpoint breakpoint) {
            return breakpoint.label();
        }
        return null;
    }

    private final ResourceManager images = new LocalResourceManager(JFaceResources.getResources());

    @Override
    public Image getImage(Object element) {
        if (element instanceof KernelDebugTarget) {
            return images.create(ResourceLocator.imageDescriptorFromBundle(KernelLabUi.PLUGIN_ID, "icons/kernellab.png")
                    .orElseThrow());
        }
        if (element instanceof KernelEventBreakpoint breakpoint) {
            boolean enabled;
            try {
                enabled = breakpoint.isEnabled();
            } catch (CoreException e) {
                enabled = true;
            }
            return images.create(ResourceLocator.imageDescriptorFromBundle(KernelLabUi.PLUGIN_ID,
                    enabled ? "icons/event_breakpoint.png" : "icons/event_breakpoint_disabled.png").orElseThrow());
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
    public void dispose() {
        images.dispose();
        super.dispose();
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
