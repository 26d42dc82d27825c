package kernellab.launch;

import java.util.ArrayList;
import java.util.List;

import kernellab.launch.model.KernelDebugTarget;

import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.Launch;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IProcess;

/**
 * A KernelLab simulation's launch. The Debug view lists a launch's children in the order of
 * {@link #getChildren()}: here the simulated kernel comes first (its CPUs are what a student
 * debugs), then the simulator JVM's Java debug target (where workload code stops at Java
 * breakpoints), then the processes.
 */
public final class SimulationLaunch extends Launch {

    SimulationLaunch(ILaunchConfiguration configuration, String mode) {
        super(configuration, mode, null);
    }

    @Override
    public Object[] getChildren() {
        List<Object> children = new ArrayList<>();
        List<Object> others = new ArrayList<>();
        for (IDebugTarget target : getDebugTargets()) {
            (target instanceof KernelDebugTarget ? children : others).add(target);
        }
        children.addAll(others);
        for (IProcess process : getProcesses()) {
            children.add(process);
        }
        return children.toArray();
    }
}
