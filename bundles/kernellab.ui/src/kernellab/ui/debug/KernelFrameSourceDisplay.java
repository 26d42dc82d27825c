package kernellab.ui.debug;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.sourcelookup.ISourceDisplay;
import org.eclipse.ui.IWorkbenchPage;

/**
 * The source display of a simulated CPU's frame: a kernel event has no source file, so selecting
 * it in the Debug view opens no editor (instead of the Java source lookup's "Source not found").
 */
public final class KernelFrameSourceDisplay implements IAdapterFactory, ISourceDisplay {

    @Override
    public void displaySource(Object element, IWorkbenchPage page, boolean forceSourceLookup) {
        // nothing to show: the frame's variables are the kernel state
    }

    @Override
    public <T> T getAdapter(Object adaptableObject, Class<T> adapterType) {
        return adapterType == ISourceDisplay.class ? adapterType.cast(this) : null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {ISourceDisplay.class};
    }
}
