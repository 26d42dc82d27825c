package kernellab.launch;

import java.util.List;

/**
 * Ids and launch configuration attributes of the "KernelLab Simulation" launch type. Numeric
 * settings are stored as the text the user typed, so a wrong value survives closing and reopening
 * the launch dialog and is reported there instead of being lost; {@link SimulationSettings}
 * parses and checks them.
 */
public final class KernelLabLaunching {

    /** The launch configuration type id. */
    public static final String ID_SIMULATION = "kernellab.launch.simulation";

    /** Fully qualified names of the types a workload class implements (user space or kernel module). */
    public static final List<String> WORKLOAD_TYPES = List.of("kernellab.api.Workload", "kernellab.api.KernelModule");

    /** Fully qualified name of the type a scheduling class implements. */
    public static final String SCHED_CLASS_TYPE = "kernellab.api.sched.SchedClassOps";

    private static final String PREFIX = "kernellab.launch.";

    /** {@code List<String>}: the workloads, one {@link WorkloadRow#encode()} each. */
    public static final String ATTR_WORKLOADS = PREFIX + "workloads";
    /** Number of CPUs, 1–1024 (text). */
    public static final String ATTR_CPUS = PREFIX + "cpus";
    /** Physical memory in MiB (text). */
    public static final String ATTR_MEMORY_MIB = PREFIX + "memoryMib";
    /** Timer frequency HZ: 100, 250, 300 or 1000 (text). */
    public static final String ATTR_HZ = PREFIX + "hz";
    /** Page-table levels of user address spaces: 4 as on x86_64, 3 or 2 (text). */
    public static final String ATTR_PAGE_TABLE_LEVELS = PREFIX + "pageTableLevels";
    /** Seed of every random choice of the simulation (text). */
    public static final String ATTR_SEED = PREFIX + "seed";
    /** Policy of init and its descendants: SCHED_WRR or SCHED_NORMAL. */
    public static final String ATTR_INIT_POLICY = PREFIX + "initPolicy";
    /** WRR base time slice in ms; a task's slice is weight × base (text). */
    public static final String ATTR_WRR_BASE_SLICE_MS = PREFIX + "wrrBaseSliceMs";
    /** Period of the WRR load balancer in ms (text). */
    public static final String ATTR_BALANCE_PERIOD_MS = PREFIX + "balancePeriodMs";
    /** Whether a CPU whose WRR queue empties pulls a task (boolean). */
    public static final String ATTR_IDLE_BALANCE = PREFIX + "idleBalance";
    /** Whether RT throttling (950 ms per 1000 ms) is on (boolean). */
    public static final String ATTR_RT_THROTTLING = PREFIX + "rtThrottling";
    /** Binary name of the project's class serving policy 7 (a {@link #SCHED_CLASS_TYPE}); empty for the built-in reference. */
    public static final String ATTR_SCHED_CLASS = PREFIX + "schedClass";
    /** Whether that class also schedules SCHED_NORMAL, SCHED_BATCH and SCHED_IDLE tasks (boolean). */
    public static final String ATTR_REPLACE_FAIR = PREFIX + "replaceFair";
    /** Stall watchdog of the class serving policy 7, ms of simulated time, 0 for off (text). */
    public static final String ATTR_SCHED_WATCHDOG_MS = PREFIX + "schedWatchdogMs";
    /** Whether the simulation records its trace (boolean). */
    public static final String ATTR_TRACE_RECORD = PREFIX + "traceRecord";
    /** File the trace is exported to at the end; empty for none. */
    public static final String ATTR_TRACE_FILE = PREFIX + "traceFile";
    /** Format of the exported trace: {@code ftrace} or {@code chrome}. */
    public static final String ATTR_TRACE_FORMAT = PREFIX + "traceFormat";

    private KernelLabLaunching() {
    }
}
