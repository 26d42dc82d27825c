package kernellab.ui.launch;

import java.util.Optional;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.internal.Messages;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;

/** The simulated machine: CPUs, memory, timer frequency, page-table depth, random seed. */
public final class MachineTab extends SimulationTab {

    @Override
    void createFields(Composite top) {
        Group machine = group(top, Messages.MachineTab_group);
        text(machine, Messages.MachineTab_cpus, Messages.MachineTab_cpusTip, KernelLabLaunching.ATTR_CPUS,
                SimulationSettings.DEFAULT_CPUS);
        text(machine, Messages.MachineTab_memory, Messages.MachineTab_memoryTip, KernelLabLaunching.ATTR_MEMORY_MIB,
                SimulationSettings.DEFAULT_MEMORY_MIB);
        combo(machine, Messages.MachineTab_hz, Messages.MachineTab_hzTip, KernelLabLaunching.ATTR_HZ,
                SimulationSettings.HZ_VALUES, SimulationSettings.DEFAULT_HZ);
        combo(machine, Messages.MachineTab_levels, Messages.MachineTab_levelsTip,
                KernelLabLaunching.ATTR_PAGE_TABLE_LEVELS, SimulationSettings.PAGE_TABLE_LEVELS,
                SimulationSettings.DEFAULT_PAGE_TABLE_LEVELS);
        text(machine, Messages.MachineTab_seed, Messages.MachineTab_seedTip, KernelLabLaunching.ATTR_SEED,
                SimulationSettings.DEFAULT_SEED);
    }

    @Override
    Optional<String> check(SimulationSettings settings) {
        return settings.checkMachine();
    }

    @Override
    public String getName() {
        return Messages.MachineTab_name;
    }

    @Override
    public String getId() {
        return "kernellab.ui.launch.machineTab";
    }
}
