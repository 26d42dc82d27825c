package kernellab.launch.model;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;

/** An element of the simulated kernel's debug model (the Eclipse platform's, like its PDA example). */
abstract class KernelDebugElement extends DebugElement {

    KernelDebugElement(IDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return KernelDebugTarget.MODEL_ID;
    }

    KernelDebugTarget kernel() {
        return (KernelDebugTarget) getDebugTarget();
    }

    /** Tells the Debug view that this element's label or children changed. */
    void fireContentChanged() {
        fireEvent(new DebugEvent(this, DebugEvent.CHANGE, DebugEvent.CONTENT));
    }
}
