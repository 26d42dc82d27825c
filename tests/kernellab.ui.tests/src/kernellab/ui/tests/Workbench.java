package kernellab.ui.tests;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;

/** Small helpers for driving the real workbench widgets from tests (SWTBot is not on Maven Central). */
final class Workbench {

    private Workbench() {
    }

    /** Bounds of a view's control in display coordinates. */
    static Rectangle boundsOf(IViewPart view) {
        MPart part = view.getSite().getService(MPart.class);
        Control control = (Control) part.getWidget();
        return Display.getCurrent().map(control.getParent(), null, control.getBounds());
    }
}
