package kernellab.runner.internal.grade;

import java.util.function.Consumer;
import java.util.function.Supplier;

import kernellab.core.Kernel;
import kernellab.core.MachineConfig;

/**
 * One deterministic run of a scenario: a machine, what is launched on it at boot and how long it
 * may run. The differential check runs the same programs with the class under grade and with the
 * reference and compares their traces.
 *
 * @param name short name, for messages
 * @param machine the machine, without its class of policy 7
 * @param launch launches the workloads at time 0
 * @param limitNs simulated time limit (the run also ends when every task has exited)
 */
record Program(String name, Supplier<MachineConfig.Builder> machine, Consumer<Kernel> launch, long limitNs) {
}
