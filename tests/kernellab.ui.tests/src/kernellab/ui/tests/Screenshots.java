package kernellab.ui.tests;

import java.io.File;

import org.eclipse.swt.widgets.Shell;

/** Saves what a shell shows as target/screenshots/NAME.png, for the README and for failed tests. */
final class Screenshots {

    private Screenshots() {
    }

    /** @return the file written */
    static File save(Shell shell, String name) {
        return kernellab.ui.robot.Screenshots.save(shell, new File("target/screenshots", name + ".png"));
    }
}
