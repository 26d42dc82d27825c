package kernellab.ui.launch;

import java.util.Optional;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.internal.Messages;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;

/** The scheduler: init's policy, the WRR base slice, load balancing and RT throttling. */
public final class SchedulerTab extends SimulationTab {

    @Override
    void createFields(Composite top) {
        Group wrr = group(top, Messages.SchedulerTab_wrrGroup);
        combo(wrr, Messages.SchedulerTab_initPolicy, Messages.SchedulerTab_initPolicyTip,
                KernelLabLaunching.ATTR_INIT_POLICY, SimulationSettings.INIT_POLICIES, SimulationSettings.DEFAULT_INIT_POLICY);
        text(wrr, Messages.SchedulerTab_baseSlice, Messages.SchedulerTab_baseSliceTip,
                KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS, SimulationSettings.DEFAULT_WRR_BASE_SLICE_MS);
        text(wrr, Messages.SchedulerTab_balancePeriod, Messages.SchedulerTab_balancePeriodTip,
                KernelLabLaunching.ATTR_BALANCE_PERIOD_MS, SimulationSettings.DEFAULT_BALANCE_PERIOD_MS);
        check(wrr, Messages.SchedulerTab_idleBalance, Messages.SchedulerTab_idleBalanceTip,
                KernelLabLaunching.ATTR_IDLE_BALANCE, true);
        Group rt = group(top, Messages.SchedulerTab_rtGroup);
        check(rt, Messages.SchedulerTab_rtThrottling, Messages.SchedulerTab_rtThrottlingTip,
                KernelLabLaunching.ATTR_RT_THROTTLING, true);
    }

    @Override
    Optional<String> check(SimulationSettings settings) {
        return settings.checkScheduler();
    }

    @Override
    public String getName() {
        return Messages.SchedulerTab_name;
    }

    @Override
    public String getId() {
        return "kernellab.ui.launch.schedulerTab";
    }
}
