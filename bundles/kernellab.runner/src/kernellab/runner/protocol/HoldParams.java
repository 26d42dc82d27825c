package kernellab.runner.protocol;

/**
 * @param held {@code true} when a thread of the simulator JVM has just stopped in the Java debugger
 *        (a breakpoint in a workload or a scheduling class), {@code false} when no thread of it is
 *        stopped any more
 */
public record HoldParams(boolean held) {
}
