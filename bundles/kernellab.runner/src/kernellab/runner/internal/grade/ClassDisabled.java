package kernellab.runner.internal.grade;

import java.util.Locale;

import kernellab.core.sched.ExtExit;
import kernellab.runner.internal.sim.Units;

/**
 * The kernel disabled the class under grade during a scenario (an exception, a watchdog, an
 * invalid result: the sched_ext safety report); the scenario fails with the reason and grading
 * goes on with the next one.
 */
final class ClassDisabled extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param program the run in which it happened
     * @param exit the kernel's report
     */
    ClassDisabled(String program, ExtExit exit) {
        super("the kernel disabled your class in the '" + program + "' run at " + Units.seconds(exit.timeNs()) + " s on CPU "
                + exit.cpu() + " (" + exit.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                + exit.message());
    }
}
