package kernellab.runner.protocol;

/**
 * The end of a simulation.
 *
 * @param reason {@code all workloads exited}, {@code duration reached}, {@code nothing left to simulate}, or
 *        {@code simulator error: ...} when the simulator itself failed
 * @param report the run's report, {@code null} after a simulator error
 */
public record ExitedEvent(String reason, SimulationReport report) {
}
