package kernellab.runner.internal.cli;

import java.util.List;

import kernellab.api.Policy;
import kernellab.runner.internal.sim.Units;
import kernellab.runner.protocol.WorkloadSpec;
import kernellab.runner.internal.Messages;
import picocli.CommandLine.Option;

/** One {@code --workload} of {@code run} with the options that follow it. */
final class WorkloadOptions {

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "PROGRAM",
            description = "A class implementing kernellab.api.Workload, or a built-in behaviour: " + Messages.SYNTHETIC_SYNTAX
                    + " (durations like 10ms). Repeat for more workloads; the options below apply to the last one.")
    String program;

    @Option(names = "--count", paramLabel = "N", description = "Tasks to start (default: 1).")
    Integer count;

    @Option(names = "--comm", paramLabel = "NAME", description = "Command name (default: class simple name or behaviour).")
    String comm;

    @Option(names = "--policy", paramLabel = "POLICY", converter = Converters.PolicyName.class,
            completionCandidates = Converters.PolicyCandidates.class,
            description = "Scheduling policy, one of ${COMPLETION-CANDIDATES} (default: init's).")
    Policy policy;

    @Option(names = "--priority", paramLabel = "PRIO", description = "RT priority 1-99 for SCHED_FIFO and SCHED_RR.")
    Integer priority;

    @Option(names = "--weight", paramLabel = "W", description = "SCHED_WRR weight 1-20 (default: 10).")
    Integer weight;

    @Option(names = "--nice", paramLabel = "N", description = "Nice value -20..19 (default: 0).")
    Integer nice;

    @Option(names = "--affinity", paramLabel = "CPUS", converter = Converters.CpuList.class,
            description = "Allowed CPUs, e.g. 0-1,3 (default: all).")
    String affinity;

    @Option(names = "--uid", paramLabel = "UID", description = "User id (default: 0, root).")
    Integer uid;

    @Option(names = "--arg", paramLabel = "ARG", description = "An argument for the workload (repeatable).")
    List<String> args;

    /**
     * @param bad reports a bad value, naming the option
     * @param cpus the machine's CPUs, which the affinity must include one of
     * @return the spec
     */
    WorkloadSpec toSpec(java.util.function.BiFunction<String, String, RuntimeException> bad, int cpus) {
        int n = count == null ? 1 : count;
        int prio = priority == null ? 0 : priority;
        if (n < 1) {
            throw bad.apply("--count", Messages.atLeast(1, n));
        }
        if (policy != null && policy.isRealTime() && (prio < 1 || prio > 99)) {
            throw bad.apply("--priority", Messages.outOfRangeFor(1, 99, policy, prio));
        }
        if ((policy == null || !policy.isRealTime()) && prio != 0) {
            throw bad.apply("--priority", Messages.priorityOnlyForRealTime());
        }
        if (weight != null && (weight < 1 || weight > 20)) {
            throw bad.apply("--weight", Messages.outOfRange(1, 20, weight));
        }
        if (nice != null && (nice < -20 || nice > 19)) {
            throw bad.apply("--nice", Messages.outOfRange(-20, 19, nice));
        }
        if (affinity != null && Units.parseCpuList(affinity).nextSetBit(0) >= cpus) {
            throw bad.apply("--affinity", Messages.affinityOffMachine(affinity, cpus));
        }
        if (uid != null && uid < 0) {
            throw bad.apply("--uid", Messages.notNegative(uid));
        }
        return new WorkloadSpec(program, comm, n, policy, prio, weight, nice, affinity, uid,
                args == null ? List.of() : List.copyOf(args));
    }
}
