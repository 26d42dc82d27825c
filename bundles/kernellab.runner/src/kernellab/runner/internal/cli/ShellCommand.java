package kernellab.runner.internal.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import kernellab.runner.internal.shell.ShellException;
import kernellab.runner.internal.shell.SyscallShell;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.internal.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kernellab shell}: system calls typed one per line on a live simulated machine;
 * interactive with line editing and history on a terminal, a script otherwise.
 */
@Command(name = "shell", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A syscall shell on a live simulated machine: one command per line (type help for the list; exit"
                + " [STATUS] or quit ends it).",
                "On a terminal it is interactive, with line editing and history; with a SCRIPT file, or with standard input"
                        + " not a terminal, it runs the lines as a script that stops at the first failing command."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:every command succeeded",
                "1:a command failed in a script (its line is named on standard error)", "2:bad options or unreadable script"})
public final class ShellCommand implements Callable<Integer> {

    private static final int RECORDED_EVENTS = 1 << 16;

    @Spec
    CommandSpec spec;

    @Mixin
    MachineOptions machine;

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
            description = "Jars and directories with workload classes, separated by ':' (';' on Windows).")
    String classpath;

    @Option(names = {"-k", "--keep-going"}, description = "In a script, go on after a failing command (the exit status is"
            + " still 1).")
    boolean keepGoing;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT", description = "A file of commands, one per line.")
    Path script;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> cp = classpath == null ? List.of() : Arrays.asList(classpath.split(File.pathSeparator));
        Workloads classes = new Workloads(cp);
        Simulation booted;
        try {
            booted = new Simulation(machine.toSpec(), classes, null, 100_000_000L, RECORDED_EVENTS);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), Messages.commandError("shell", e.getMessage()));
        }
        try (Simulation sim = booted) {
            SyscallShell shell = new SyscallShell(sim, classes, out);
            if (script != null) {
                String text = readScript(script);
                return runScript(shell, new BufferedReader(new StringReader(text)), script.toString(), err);
            }
            if (Terminals.interactive()) {
                return interactive(shell);
            }
            return runScript(shell, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), "<stdin>", err);
        }
    }

    /**
     * Reads a script as bash would refuse it: a missing file, a directory or a binary file (a NUL
     * byte, or not UTF-8) is a usage error.
     *
     * @return the script's text
     * @throws ParameterException naming the file and the reason
     */
    private String readScript(Path file) {
        String problem = null;
        if (Files.isDirectory(file)) {
            problem = Messages.isADirectory(file);
        } else if (!Files.exists(file)) {
            problem = Messages.noSuchFile(file);
        } else {
            try {
                byte[] bytes = Files.readAllBytes(file);
                for (byte b : bytes) {
                    if (b == 0) {
                        problem = Messages.binaryScript(file);
                        break;
                    }
                }
                if (problem == null) {
                    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                }
            } catch (CharacterCodingException e) {
                problem = Messages.binaryScript(file);
            } catch (IOException e) {
                problem = Messages.cannotReadScript(file);
            }
        }
        throw new ParameterException(spec.commandLine(), Messages.commandError("shell", problem));
    }

    /**
     * @param line a command line
     * @param last the shell's status so far, which a bare {@code exit} or {@code quit} returns
     * @return the status of {@code exit [STATUS]} (modulo 256, as bash) or {@code quit}; -1 for any other line
     * @throws ShellException for an exit status that is not a number
     */
    static int exitStatus(String line, int last) throws ShellException {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals("exit") && !words[0].equals("quit") || words.length > 2) {
            return -1;
        }
        if (words.length == 1) {
            return last;
        }
        try {
            return Integer.parseInt(words[1]) & 0xff;
        } catch (NumberFormatException e) {
            throw new ShellException(Messages.notANumber(words[0], "the status", words[1]));
        }
    }

    private int runScript(SyscallShell shell, BufferedReader in, String name, PrintWriter err) throws IOException {
        int status = 0;
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            try {
                int exit = exitStatus(line, status);
                if (exit >= 0) {
                    return exit;
                }
                shell.execute(line);
            } catch (ShellException e) {
                err.println(Messages.scriptError(name, lineNumber, e.getMessage()));
                err.flush();
                status = 1;
                if (!keepGoing) {
                    return status;
                }
            }
        }
        return status;
    }

    private static int interactive(SyscallShell shell) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("kernellab")
                    .completer(new StringsCompleter(SyscallShell.commandNames())).build();
            PrintWriter err = terminal.writer();
            for (;;) {
                String line;
                try {
                    line = reader.readLine(Messages.prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                try {
                    int exit = exitStatus(line, 0);
                    if (exit >= 0) {
                        return exit;
                    }
                    shell.execute(line);
                } catch (ShellException e) {
                    err.println(e.getMessage());
                }
            }
        }
    }
}
