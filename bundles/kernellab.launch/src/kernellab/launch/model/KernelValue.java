package kernellab.launch.model;

import java.util.List;

import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/**
 * A value in the Variables view: a number or text, or a structure (a task_struct, a run queue)
 * whose fields are its children. Values are read from one snapshot and never change.
 */
final class KernelValue extends KernelDebugElement implements IValue {

    private final String typeName;
    private final String text;
    private final List<KernelVariable> fields;

    KernelValue(IDebugTarget target, String typeName, String text, List<KernelVariable> fields) {
        super(target);
        this.typeName = typeName;
        this.text = text;
        this.fields = List.copyOf(fields);
    }

    @Override
    public String getReferenceTypeName() {
        return typeName;
    }

    @Override
    public String getValueString() {
        return text;
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public IVariable[] getVariables() {
        return fields.toArray(IVariable[]::new);
    }

    @Override
    public boolean hasVariables() {
        return !fields.isEmpty();
    }
}
