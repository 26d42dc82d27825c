package kernellab.ui.views;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;

/**
 * Content of a virtual ({@code SWT.VIRTUAL}) table viewer from a list the view replaces at each
 * refresh: only the rows the table shows are materialized, so thousands of tasks or caches stay
 * fast. The view sets the table's item count after changing the list.
 */
public final class LazyListContentProvider implements ILazyContentProvider {

    private final TableViewer viewer;
    private final Supplier<? extends List<?>> rows;

    /**
     * @param viewer the virtual table viewer
     * @param rows the rows it shows now
     */
    public LazyListContentProvider(TableViewer viewer, Supplier<? extends List<?>> rows) {
        this.viewer = viewer;
        this.rows = rows;
    }

    @Override
    public void updateElement(int index) {
        List<?> current = rows.get();
        if (index < current.size()) {
            viewer.replace(current.get(index), index);
        }
    }

    @Override
    public void inputChanged(Viewer v, Object oldInput, Object newInput) {
        // the rows come from the supplier, not from the input
    }
}
