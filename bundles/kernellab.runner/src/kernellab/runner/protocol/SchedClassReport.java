package kernellab.runner.protocol;

import java.util.List;

/**
 * The class that served policy 7 (SCHED_WRR) during a run, and how it ended: what an autograder
 * reads to know whether a student's class survived.
 *
 * @param name the class's name, e.g. {@code wrr}
 * @param disabled whether the kernel disabled it
 * @param exitKind why ({@code HOOK_EXCEPTION}, {@code INVALID_RESULT}, {@code CLASS_ERROR},
 *        {@code STALL}, {@code HOOK_TIMEOUT}), or {@code null} while enabled
 * @param exitCode the code of that kind (as sched_ext's {@code SCX_EXIT_*}), or {@code null}
 * @param message what went wrong, or {@code null}
 * @param timeNs when, simulated, or {@code null}
 * @param dump the debug dump, line by line, or {@code null}
 */
public record SchedClassReport(String name, boolean disabled, String exitKind, Integer exitCode, String message, Long timeNs,
        List<String> dump) {
}
