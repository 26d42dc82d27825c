package kernellab.runner.internal.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import kernellab.runner.internal.Messages;
import kernellab.runner.internal.sim.Simulation;

/**
 * SIGINT (Ctrl-C) and SIGTERM during {@code kernellab run}: the JVM runs its shutdown hooks, and
 * this one ends the simulation at the current simulated time ({@link Simulation#interrupt}) and
 * waits until the run has written its trace and report, so nothing is lost; the JVM then exits
 * with 128 + the signal (130, 143). A run that is over removes the hook when closed.
 */
final class Interrupts implements AutoCloseable {

    /** How long the hook waits for the run to write its files. */
    private static final long WAIT_SECONDS = 60;

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * @param sim the simulation to end on a signal
     */
    Interrupts(Simulation sim) {
        this.hook = new Thread(() -> {
            sim.interrupt(Messages.interrupted());
            try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kernellab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run's files are written: a hook that runs now lets the JVM exit. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (a signal came): the hook has run or runs now and returns at once
        }
    }
}
