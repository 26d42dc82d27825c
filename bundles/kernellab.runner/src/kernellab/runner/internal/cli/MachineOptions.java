package kernellab.runner.internal.cli;

import java.util.Map;

import kernellab.api.Policy;
import kernellab.core.MachineConfig;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.internal.Messages;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The machine and scheduler options shared by {@code run} and {@code shell}. */
final class MachineOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs, 1-" + MachineConfig.MAX_CPUS + " (default: 4).")
    Integer cpus;

    @Option(names = "--memory", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Physical memory, e.g. 256M (default: 256M); a multiple of 4K, at least 1M.")
    Long memory;

    @Option(names = "--hz", paramLabel = "HZ", description = "Timer ticks per second: 100, 250, 300 or 1000 (default: 1000).")
    Integer hz;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: 0).")
    Long seed;

    @Option(names = "--init-policy", paramLabel = "POLICY", converter = Converters.PolicyName.class,
            completionCandidates = Converters.PolicyCandidates.class,
            description = "Policy of init, inherited by the workloads: SCHED_WRR or SCHED_NORMAL (default: SCHED_WRR).")
    Policy initPolicy;

    @Option(names = "--wrr-base-slice", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "SCHED_WRR base slice; a task's slice is weight x this (default: 10ms).")
    Long wrrBaseSlice;

    @Option(names = "--balance-period", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "Period of the load balancer (default: 2000ms).")
    Long balancePeriod;

    @Option(names = "--idle-balance", negatable = true, fallbackValue = "true",
            description = "Whether an idle CPU pulls a WRR task from another CPU (default: on).")
    Boolean idleBalance;

    @Option(names = "--rt-throttling", negatable = true, fallbackValue = "true",
            description = "Whether RT tasks are throttled to their runtime per period (default: on).")
    Boolean rtThrottling;

    @Option(names = "--rt-runtime", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "RT runtime per period, sched_rt_runtime_us (default: 950ms).")
    Long rtRuntime;

    @Option(names = "--rt-period", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "RT bandwidth period, sched_rt_period_us (default: 1000ms).")
    Long rtPeriod;

    @Option(names = "--page-table-levels", paramLabel = "N",
            description = "Page-table levels of user address spaces: 4 (x86_64, 48-bit addresses), 3 or 2 (default: 4).")
    Integer pageTableLevels;

    @Option(names = "--kthreads", description = "Create kthreadd and per-CPU kernel threads.")
    boolean kthreads;

    @Option(names = "--watchdog", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "Kill a workload that runs this long in real time without a system call; 0ms disables it"
                    + " (default: 10s).")
    Long watchdog;

    @Option(names = "--sched-class", paramLabel = "CLASS",
            description = "The class that serves SCHED_WRR (policy 7): a class implementing kernellab.api.sched.SchedClassOps"
                    + " on the class path (-cp), e.g. your own (default: the lab's reference, "
                    + "kernellab.examples.schedclass.WeightedRoundRobin).")
    String schedClass;

    @Option(names = "--sched-param", paramLabel = "NAME=VALUE",
            description = "A parameter of the SCHED_WRR class, read with SchedKernel.param (repeatable).")
    Map<String, String> schedParams;

    @Option(names = "--replace-fair",
            description = "The SCHED_WRR class also schedules every SCHED_NORMAL, SCHED_BATCH and SCHED_IDLE task (the lab's "
                    + "\"WRR replaces the fair class\" variant).")
    boolean replaceFair;

    @Option(names = "--sched-watchdog", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "Disable the SCHED_WRR class when one of its runnable tasks waits this long (simulated) without "
                    + "being picked; 0ms turns the check off (default: 5s).")
    Long schedWatchdog;

    /**
     * Checks every value and builds the spec; a bad value names its option.
     *
     * @return the machine
     * @throws ParameterException for a bad value
     */
    MachineSpec toSpec() {
        if (cpus != null && (cpus < 1 || cpus > MachineConfig.MAX_CPUS)) {
            throw bad("--cpus", Messages.outOfRange(1, MachineConfig.MAX_CPUS, cpus));
        }
        if (memory != null && (memory < (1 << 20) || memory % 4096 != 0)) {
            throw bad("--memory", Messages.badMemorySize(memory));
        }
        if (pageTableLevels != null && (pageTableLevels < 2 || pageTableLevels > 4)) {
            throw bad("--page-table-levels", Messages.expectedOneOf("[2, 3, 4]", pageTableLevels));
        }
        if (hz != null && hz != 100 && hz != 250 && hz != 300 && hz != 1000) {
            throw bad("--hz", Messages.expectedOneOf("[100, 250, 300, 1000]", hz));
        }
        if (initPolicy != null && initPolicy != Policy.SCHED_WRR && initPolicy != Policy.SCHED_NORMAL) {
            throw bad("--init-policy", Messages.expectedOneOf("[SCHED_WRR, SCHED_NORMAL]", initPolicy));
        }
        Long sliceMs = wholeMillis("--wrr-base-slice", wrrBaseSlice);
        Long balanceMs = wholeMillis("--balance-period", balancePeriod);
        Long runtimeMs = wholeMillis("--rt-runtime", rtRuntime);
        Long periodMs = wholeMillis("--rt-period", rtPeriod);
        long effRuntime = runtimeMs != null ? runtimeMs : 950;
        long effPeriod = periodMs != null ? periodMs : 1000;
        if (effRuntime > effPeriod) {
            throw bad("--rt-runtime", Messages.rtRuntimeExceedsPeriod(effPeriod, effRuntime));
        }
        Long schedWatchdogMs = schedWatchdog == null ? null : schedWatchdog / 1_000_000L;
        if (schedWatchdog != null && schedWatchdog != 0 && schedWatchdog % 1_000_000L != 0) {
            throw bad("--sched-watchdog", Messages.wholeMilliseconds());
        }
        return new MachineSpec(cpus, memory, hz, seed, initPolicy, sliceMs, balanceMs, idleBalance, rtThrottling, runtimeMs,
                periodMs, kthreads ? Boolean.TRUE : null, watchdog == null ? null : watchdog / 1_000_000L, pageTableLevels,
                schedClass, schedParams, replaceFair ? Boolean.TRUE : null, schedWatchdogMs);
    }

    private Long wholeMillis(String option, Long ns) {
        if (ns == null) {
            return null;
        }
        if (ns < 1_000_000L || ns % 1_000_000L != 0) {
            throw bad(option, Messages.wholeMilliseconds());
        }
        return ns / 1_000_000L;
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), Messages.invalidValue(option, message));
    }
}
