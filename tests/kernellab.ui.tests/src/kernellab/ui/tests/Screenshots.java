package kernellab.ui.tests;

import java.io.File;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;

/** Saves what a shell shows as target/screenshots/NAME.png, for the README and for failed tests. */
final class Screenshots {

    private Screenshots() {
    }

    /** @return the file written */
    static File save(Shell shell, String name) {
        return kernellab.ui.robot.Screenshots.save(shell, new File("target/screenshots", name + ".png"));
    }

    /**
     * Saves the workbench window with a view maximized, as a student looking at it would see it.
     *
     * @return the file written
     */
    static File saveMaximized(IViewPart view, String name) {
        IWorkbenchPage page = view.getSite().getPage();
        IWorkbenchPartReference reference = page.getReference(view);
        page.activate(view);
        page.setPartState(reference, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            return save(page.getWorkbenchWindow().getShell(), name);
        } finally {
            page.setPartState(reference, IWorkbenchPage.STATE_RESTORED);
        }
    }
}
