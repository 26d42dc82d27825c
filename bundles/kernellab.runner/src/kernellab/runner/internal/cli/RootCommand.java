package kernellab.runner.internal.cli;

import kernellab.runner.internal.Messages;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kernellab}: the simulator's command tree. */
@Command(name = "kernellab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {RunCommand.class, ShellCommand.class, ServeCommand.class, GradeCommand.class,
                CommandLine.HelpCommand.class},
        description = "The KernelLab simulator: a multicore Linux-like kernel for operating-systems courses.",
        commandListHeading = "%nCommands:%n")
public final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * Parses the command line and runs the command.
     *
     * @param args the command line
     * @return the exit status
     */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(Messages.commandRequired());
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
