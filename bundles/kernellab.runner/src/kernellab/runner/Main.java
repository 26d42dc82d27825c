package kernellab.runner;

import kernellab.runner.internal.cli.RootCommand;

/**
 * The simulator process: {@code kernellab run}, {@code kernellab shell} and
 * {@code kernellab serve}. Exit status 2 for bad options (one line naming the option and one
 * pointing to {@code --help} on standard error), 1 for a failure of the simulator; otherwise the
 * command's own ({@code run}: its first workload's, as strace).
 */
public final class Main {

    /** The KernelLab release of this runner. */
    public static final String VERSION = "0.1.0";

    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(RootCommand.execute(args));
    }
}
