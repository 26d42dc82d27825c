package kernellab.runner.internal.cli;

import kernellab.runner.internal.Messages;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
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
        cl.setParameterExceptionHandler(RootCommand::usageError);
        cl.setExecutionExceptionHandler(RootCommand::internalError);
        if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
            return usageError(new ParameterException(cl, Messages.notACommand(args[0], cl.getSubcommands().keySet())), args);
        }
        return cl.execute(args);
    }

    /**
     * A usage error is its one line and a pointer to the command's help, as GNU tools print it
     * (not the whole usage).
     */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter err = c.getErr();
        err.println(e.getMessage());
        err.println(Messages.tryHelp(c.getCommandSpec().qualifiedName()));
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** A failure of the simulator itself: a bug, shown with its stack trace for the report; exit status 1. */
    private static int internalError(Exception e, CommandLine c, ParseResult parsed) {
        PrintWriter err = c.getErr();
        err.println(Messages.commandError(c.getCommandSpec().name(), Messages.internalError(e)));
        e.printStackTrace(err);
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), Messages.commandRequired());
    }
}
