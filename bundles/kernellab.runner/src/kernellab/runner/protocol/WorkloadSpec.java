package kernellab.runner.protocol;

import java.util.List;

import kernellab.api.Policy;

/**
 * A workload to start, {@code count} times, as children of init; {@code null} attributes are
 * inherited from init.
 *
 * @param program a class implementing {@code kernellab.api.Workload} (binary name, found on the
 *        launch's class path) or a built-in synthetic behaviour: {@code cpu-bound[:TOTAL]},
 *        {@code io-bound:BURST:IO[:ROUNDS]}, {@code periodic:PERIOD:WORK[:ROUNDS]} with
 *        durations such as {@code 10ms}
 * @param comm command name, or {@code null} for the class's simple name or the behaviour's name
 * @param count how many tasks, at least 1
 * @param policy scheduling policy
 * @param priority RT priority 1–99 for SCHED_FIFO and SCHED_RR
 * @param weight SCHED_WRR weight 1–20
 * @param nice nice value −20…19
 * @param affinity allowed CPUs as a list like {@code 0-1,3}
 * @param uid user id
 * @param args the program's arguments
 */
public record WorkloadSpec(String program, String comm, int count, Policy policy, int priority, Integer weight, Integer nice,
        String affinity, Integer uid, List<String> args) {

    /**
     * @param program class name or synthetic behaviour
     * @return one task of it with every attribute inherited
     */
    public static WorkloadSpec of(String program) {
        return new WorkloadSpec(program, null, 1, null, 0, null, null, null, null, List.of());
    }
}
