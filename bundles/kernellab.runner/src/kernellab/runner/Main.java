package kernellab.runner;

import kernellab.runner.internal.cli.RootCommand;

/**
 * The simulator process: {@code kernellab run}, {@code kernellab shell} and
 * {@code kernellab serve}. Exit status 0 on success, 1 on a failure at run time, 2 for bad
 * options (with the message and the usage on standard error).
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
