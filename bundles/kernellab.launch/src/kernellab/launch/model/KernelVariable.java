package kernellab.launch.model;

import java.util.List;

import kernellab.launch.internal.Messages;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** A named field of the kernel's state (read only: the simulation is changed by running it). */
final class KernelVariable extends KernelDebugElement implements IVariable {

    private final String name;
    private final KernelValue value;

    private KernelVariable(IDebugTarget target, String name, KernelValue value) {
        super(target);
        this.name = name;
        this.value = value;
    }

    /** A field holding a number or text. */
    static KernelVariable scalar(IDebugTarget target, String name, String type, Object value) {
        return new KernelVariable(target, name, new KernelValue(target, type, String.valueOf(value), List.of()));
    }

    /** A field holding a structure, shown as {@code summary} and expanded to {@code fields}. */
    static KernelVariable struct(IDebugTarget target, String name, String type, String summary, List<KernelVariable> fields) {
        return new KernelVariable(target, name, new KernelValue(target, type, summary, fields));
    }

    @Override
    public KernelValue getValue() {
        return value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getReferenceTypeName() {
        return value.getReferenceTypeName();
    }

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        throw new DebugException(Status.error(Messages.Model_readOnly));
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        throw new DebugException(Status.error(Messages.Model_readOnly));
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public boolean verifyValue(String expression) {
        return false;
    }

    @Override
    public boolean verifyValue(IValue newValue) {
        return false;
    }
}
