package kernellab.core.sched;

import java.util.List;

/**
 * How the class that serves policy 7 was disabled ({@code struct scx_exit_info}): for the
 * report, the protocol and the IDE.
 *
 * @param className the class's name
 * @param kind why
 * @param message what went wrong, one line
 * @param timeNs when, simulated
 * @param cpu the CPU the kernel was working for
 * @param dump the debug dump, line by line, as the kernel log shows it
 */
public record ExtExit(String className, ExtExitKind kind, String message, long timeNs, int cpu, List<String> dump) {

    /** Copies the dump. */
    public ExtExit {
        dump = List.copyOf(dump);
    }
}
