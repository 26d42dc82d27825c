package kernellab.runner.protocol;

import java.util.Map;

import kernellab.api.Policy;

/**
 * The simulated machine and its scheduler settings; {@code null} means the kernel's default.
 *
 * @param cpus number of CPUs, 1–1024
 * @param memoryBytes physical memory, a multiple of 4 KiB
 * @param hz tick rate: 100, 250, 300 or 1000
 * @param seed seed of every random choice
 * @param initPolicy SCHED_WRR or SCHED_NORMAL: init's policy, inherited by the workloads
 * @param wrrBaseSliceMs SCHED_WRR base slice, ms (a task's slice is weight × this)
 * @param balancePeriodMs period of the load balancer, ms
 * @param idleBalance whether an idle CPU pulls WRR tasks
 * @param rtThrottling whether RT throttling is on
 * @param rtRuntimeMs RT runtime per period, ms (with {@code rtPeriodMs})
 * @param rtPeriodMs RT bandwidth period, ms (with {@code rtRuntimeMs})
 * @param kthreads whether kthreadd and per-CPU kernel threads exist
 * @param watchdogMillis real-time limit of workload code between two system calls; 0 disables
 *        it (under a Java debugger)
 * @param pageTableLevels page-table levels of user address spaces: 4 (x86_64's 48-bit), 3 or 2
 * @param schedClass binary name of the class that serves policy 7 (SCHED_WRR), a
 *        {@code kernellab.api.sched.SchedClassOps} on the launch's class path; {@code null} for the
 *        lab's reference class
 * @param schedParams the class's parameters, name to value
 * @param replaceFair whether that class also schedules the fair policies (SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE)
 * @param schedWatchdogMs how long, simulated, a runnable task of that class may wait before the
 *        class is disabled; 0 turns the check off (default 5000)
 */
public record MachineSpec(Integer cpus, Long memoryBytes, Integer hz, Long seed, Policy initPolicy, Long wrrBaseSliceMs,
        Long balancePeriodMs, Boolean idleBalance, Boolean rtThrottling, Long rtRuntimeMs, Long rtPeriodMs, Boolean kthreads,
        Long watchdogMillis, Integer pageTableLevels, String schedClass, Map<String, String> schedParams,
        Boolean replaceFair, Long schedWatchdogMs) {

    /** The default machine: every field {@code null}. */
    public static final MachineSpec DEFAULT = new MachineSpec(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);
}
