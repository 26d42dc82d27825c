package kernellab.examples.sched;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Syscalls;

/**
 * What the lab programs check before they start, the way a C program checks {@code argv} and
 * {@code geteuid()} first: a clear message and exit status 1 instead of failing halfway with
 * EINVAL or EPERM.
 */
final class Lab {

    private Lab() {
    }

    /**
     * Exits with status 1 and a message unless the caller runs as root.
     *
     * @param sys the calling task
     * @param program the program's name for the message
     * @param why what needs root, e.g. {@code "raises SCHED_WRR weights"}
     */
    static void requireRoot(Syscalls sys, String program, String why) {
        if (sys.getuid() != 0) {
            sys.print(program + ": must run as root (uid 0): it " + why + "\n");
            sys.exit(1);
        }
    }

    /**
     * Reads SCHED_WRR weights from the arguments; exits with status 1 and a message at the first
     * one that is not a number from 1 to 20.
     *
     * @param sys the calling task
     * @param program the program's name for the message
     * @param args the arguments holding weights
     * @param defaults the weights when {@code args} is empty
     * @return the weights
     */
    static List<Integer> weights(Syscalls sys, String program, List<String> args, List<Integer> defaults) {
        if (args.isEmpty()) {
            return defaults;
        }
        List<Integer> weights = new ArrayList<>();
        for (String arg : args) {
            int w;
            try {
                w = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                w = 0;
            }
            if (w < 1 || w > 20) {
                sys.print(program + ": invalid weight '" + arg + "': must be 1-20\n");
                sys.exit(1);
            }
            weights.add(w);
        }
        return weights;
    }
}
