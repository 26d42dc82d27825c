package kernellab.ui;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;

/** Bundle-wide helpers of kernellab.ui. */
public final class KernelLabUi {

    /** The bundle's symbolic name. */
    public static final String PLUGIN_ID = "kernellab.ui";

    private KernelLabUi() {
    }

    /** Writes a failure to the Error Log. */
    public static void log(CoreException e) {
        ILog.of(KernelLabUi.class).log(e.getStatus());
    }
}
