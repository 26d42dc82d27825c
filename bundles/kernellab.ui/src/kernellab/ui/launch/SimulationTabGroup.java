package kernellab.ui.launch;

import org.eclipse.debug.ui.AbstractLaunchConfigurationTabGroup;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.EnvironmentTab;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.debug.ui.sourcelookup.SourceLookupTab;
import org.eclipse.jdt.debug.ui.launchConfigurations.JavaArgumentsTab;
import org.eclipse.jdt.debug.ui.launchConfigurations.JavaClasspathTab;
import org.eclipse.jdt.debug.ui.launchConfigurations.JavaJRETab;

/**
 * The tabs of a KernelLab Simulation configuration: KernelLab's own (Workloads, Machine,
 * Scheduler, Trace), then JDT's for the simulator JVM (JRE, Arguments, Classpath), source lookup,
 * environment and the Common tab.
 */
public final class SimulationTabGroup extends AbstractLaunchConfigurationTabGroup {

    @Override
    public void createTabs(ILaunchConfigurationDialog dialog, String mode) {
        setTabs(new ILaunchConfigurationTab[] {new WorkloadsTab(), new MachineTab(), new SchedulerTab(), new TraceTab(),
                new JavaJRETab(true), new JavaArgumentsTab(), new JavaClasspathTab(), new SourceLookupTab(),
                new EnvironmentTab(), new CommonTab()});
    }
}
