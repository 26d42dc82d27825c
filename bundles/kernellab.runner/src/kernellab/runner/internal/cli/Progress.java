package kernellab.runner.internal.cli;

import java.io.PrintWriter;

import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Units;
import kernellab.runner.internal.Messages;

/** The progress line of a long run on standard error: simulated time reached and events per second. */
final class Progress {

    private static final long UPDATE_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastUpdate = startNanos;
    private boolean shown;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void update(Simulation sim) {
        long t = System.nanoTime();
        if (!enabled || t - lastUpdate < UPDATE_NANOS) {
            return;
        }
        lastUpdate = t;
        long events = sim.kernel().engine().eventsProcessed();
        double perSecond = events / ((t - startNanos) / 1e9);
        err.print("\r\033[K" + Messages.progress(Units.seconds(sim.now()), events, perSecond));
        err.flush();
        shown = true;
    }

    void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }
}
