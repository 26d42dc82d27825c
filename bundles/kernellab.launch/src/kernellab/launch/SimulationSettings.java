package kernellab.launch;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import kernellab.api.Policy;
import kernellab.launch.internal.Messages;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.jdt.launching.IJavaLaunchConfigurationConstants;
import org.eclipse.osgi.util.NLS;

/**
 * Everything a KernelLab launch configuration says about the simulated machine, its scheduler, the
 * trace and the workloads, as typed by the user, with the checks the launch dialog shows and the
 * launch delegate repeats. Defaults are the kernel lab's: 4 CPUs, 256 MiB, HZ 1000, 4-level page
 * tables, init under SCHED_WRR with a 10 ms base slice, WRR load balancing every 2000 ms with idle
 * balance, RT throttling 950 ms per 1000 ms; policy 7 served by the lab's reference class, the fair
 * class kept, and the stall watchdog at 5000 ms.
 *
 * @param schedClass the class of the project that serves policy 7 (SCHED_WRR), a binary name; empty
 *        for the built-in reference
 * @param replaceFair whether that class also schedules the fair policies (sched_ext's full switch)
 * @param schedWatchdogMs how long (ms, simulated) a runnable task of the class may wait before the
 *        class is disabled; 0 turns the check off (text)
 */
public record SimulationSettings(String projectName, List<WorkloadRow> workloads, String cpus, String memoryMib,
        String hz, String pageTableLevels, String seed, String initPolicy, String wrrBaseSliceMs,
        String balancePeriodMs, boolean idleBalance, boolean rtThrottling, String schedClass, boolean replaceFair,
        String schedWatchdogMs, boolean traceRecord, String traceFile, String traceFormat) {

    public static final String DEFAULT_CPUS = "4";
    public static final String DEFAULT_MEMORY_MIB = "256";
    public static final String DEFAULT_HZ = "1000";
    public static final String DEFAULT_PAGE_TABLE_LEVELS = "4";
    public static final String DEFAULT_SEED = "1";
    public static final String DEFAULT_INIT_POLICY = Policy.SCHED_WRR.name();
    public static final String DEFAULT_WRR_BASE_SLICE_MS = "10";
    public static final String DEFAULT_BALANCE_PERIOD_MS = "2000";
    /** {@code schedClass} of the built-in reference SCHED_WRR. */
    public static final String BUILT_IN_SCHED_CLASS = "";
    /** The stall watchdog's timeout, sched_ext's default {@code timeout_ms} (5 s here as in the issue). */
    public static final String DEFAULT_SCHED_WATCHDOG_MS = "5000";
    /** Longest stall watchdog timeout, ms (sched_ext caps {@code timeout_ms} at 30 s; a lab may want longer). */
    public static final int MAX_SCHED_WATCHDOG_MS = 600_000;
    public static final String TRACE_FTRACE = "ftrace";
    public static final String TRACE_CHROME = "chrome";

    /** Timer frequencies a Linux kernel can be configured with (CONFIG_HZ). */
    public static final List<String> HZ_VALUES = List.of("100", "250", "300", "1000");
    /** Page-table depths the simulator builds: x86_64's 4 levels (48-bit addresses), or 3 (39-bit) and 2 (30-bit) to see shorter walks. */
    public static final List<String> PAGE_TABLE_LEVELS = List.of("4", "3", "2");
    /** Policies init and its descendants may start with. */
    public static final List<String> INIT_POLICIES = List.of(Policy.SCHED_WRR.name(), Policy.SCHED_NORMAL.name());
    public static final List<String> TRACE_FORMATS = List.of(TRACE_FTRACE, TRACE_CHROME);
    /** Largest machine the simulator builds. */
    public static final int MAX_CPUS = 1024;
    /** Smallest memory: the 16 MiB DMA zone plus room for a DMA32 zone. */
    public static final int MIN_MEMORY_MIB = 32;
    public static final int MAX_MEMORY_MIB = 65_536;

    /** Reads the settings of a configuration, with the defaults for what it does not say. */
    public static SimulationSettings read(ILaunchConfiguration configuration) throws CoreException {
        List<WorkloadRow> workloads = new ArrayList<>();
        for (String row : configuration.getAttribute(KernelLabLaunching.ATTR_WORKLOADS, List.<String>of())) {
            workloads.add(WorkloadRow.decode(row));
        }
        return new SimulationSettings(
                configuration.getAttribute(IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, ""),
                List.copyOf(workloads),
                configuration.getAttribute(KernelLabLaunching.ATTR_CPUS, DEFAULT_CPUS),
                configuration.getAttribute(KernelLabLaunching.ATTR_MEMORY_MIB, DEFAULT_MEMORY_MIB),
                configuration.getAttribute(KernelLabLaunching.ATTR_HZ, DEFAULT_HZ),
                configuration.getAttribute(KernelLabLaunching.ATTR_PAGE_TABLE_LEVELS, DEFAULT_PAGE_TABLE_LEVELS),
                configuration.getAttribute(KernelLabLaunching.ATTR_SEED, DEFAULT_SEED),
                configuration.getAttribute(KernelLabLaunching.ATTR_INIT_POLICY, DEFAULT_INIT_POLICY),
                configuration.getAttribute(KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS, DEFAULT_WRR_BASE_SLICE_MS),
                configuration.getAttribute(KernelLabLaunching.ATTR_BALANCE_PERIOD_MS, DEFAULT_BALANCE_PERIOD_MS),
                configuration.getAttribute(KernelLabLaunching.ATTR_IDLE_BALANCE, true),
                configuration.getAttribute(KernelLabLaunching.ATTR_RT_THROTTLING, true),
                configuration.getAttribute(KernelLabLaunching.ATTR_SCHED_CLASS, BUILT_IN_SCHED_CLASS),
                configuration.getAttribute(KernelLabLaunching.ATTR_REPLACE_FAIR, false),
                configuration.getAttribute(KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS, DEFAULT_SCHED_WATCHDOG_MS),
                configuration.getAttribute(KernelLabLaunching.ATTR_TRACE_RECORD, true),
                configuration.getAttribute(KernelLabLaunching.ATTR_TRACE_FILE, ""),
                configuration.getAttribute(KernelLabLaunching.ATTR_TRACE_FORMAT, TRACE_FTRACE));
    }

    /** Writes the workload rows of a configuration. */
    public static void writeWorkloads(ILaunchConfigurationWorkingCopy configuration, List<WorkloadRow> workloads) {
        configuration.setAttribute(KernelLabLaunching.ATTR_WORKLOADS, workloads.stream().map(WorkloadRow::encode).toList());
    }

    /** @return the first problem of the Machine tab's values, or empty */
    public Optional<String> checkMachine() {
        return first(checkRange(cpus, 1, MAX_CPUS, Messages.Machine_cpus),
                checkRange(memoryMib, MIN_MEMORY_MIB, MAX_MEMORY_MIB, Messages.Machine_memory),
                checkChoice(hz, HZ_VALUES, Messages.Machine_hz),
                checkChoice(pageTableLevels, PAGE_TABLE_LEVELS, Messages.Machine_pageTableLevels),
                checkLong(seed, Messages.Machine_seed));
    }

    /** @return the first problem of the Scheduler tab's values, or empty */
    public Optional<String> checkScheduler() {
        return first(checkChoice(initPolicy, INIT_POLICIES, Messages.Scheduler_initPolicy),
                checkRange(wrrBaseSliceMs, 1, 1000, Messages.Scheduler_baseSlice),
                checkRange(balancePeriodMs, 1, 60_000, Messages.Scheduler_balancePeriod),
                checkRange(schedWatchdogMs, 0, MAX_SCHED_WATCHDOG_MS, Messages.Scheduler_watchdog));
    }

    /** @return whether policy 7 is served by a class of the project rather than the built-in reference */
    public boolean hasOwnSchedClass() {
        return !schedClass.isBlank();
    }

    /** @return the first problem of the Trace tab's values, or empty */
    public Optional<String> checkTrace() {
        Optional<String> format = checkChoice(traceFormat, TRACE_FORMATS, Messages.Trace_format);
        if (format.isPresent() || traceFile.isBlank()) {
            return format;
        }
        if (!traceRecord) {
            return Optional.of(Messages.Trace_exportWithoutRecord);
        }
        File parent = new File(traceFile).getAbsoluteFile().getParentFile();
        if (parent == null || !parent.isDirectory()) {
            return Optional.of(NLS.bind(Messages.Trace_noFolder, traceFile));
        }
        return Optional.empty();
    }

    /** @return the first problem of the workload rows (not of their classes, which need the project), or empty */
    public Optional<String> checkWorkloads() {
        if (workloads.isEmpty()) {
            return Optional.of(Messages.Workloads_none);
        }
        int machineCpus = parseIntOr(cpus, MAX_CPUS);
        for (WorkloadRow workload : workloads) {
            Optional<String> problem = workload.check(machineCpus);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** @return the first problem of all tabs, project and classes aside, or empty */
    public Optional<String> check() {
        return first(checkWorkloads(), checkMachine(), checkScheduler(), checkTrace());
    }

    /** @return the number of CPUs, which {@link #checkMachine()} must have accepted */
    public int cpuCount() {
        return Integer.parseInt(cpus.strip());
    }

    /**
     * @param what how the dialog names the value, e.g. "CPUs"
     * @return a message if {@code text} is not a whole number in [min, max]
     */
    static Optional<String> checkRange(String text, long min, long max, String what) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return Optional.of(NLS.bind(Messages.Value_notANumber, new Object[] {what, min, max, text}));
        }
        if (value < min || value > max) {
            return Optional.of(NLS.bind(Messages.Value_outOfRange, new Object[] {what, min, max, text}));
        }
        return Optional.empty();
    }

    private static Optional<String> checkChoice(String text, List<String> choices, String what) {
        return choices.contains(text) ? Optional.empty()
                : Optional.of(NLS.bind(Messages.Value_notAChoice, new Object[] {what, String.join(", ", choices), text}));
    }

    private static Optional<String> checkLong(String text, String what) {
        try {
            Long.parseLong(text.strip());
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(NLS.bind(Messages.Value_notALong, what, text));
        }
    }

    private static int parseIntOr(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... problems) {
        for (Optional<String> problem : problems) {
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
