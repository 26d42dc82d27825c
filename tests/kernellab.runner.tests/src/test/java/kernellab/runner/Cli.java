package kernellab.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the CLI as a separate process, as a user or the IDE does: {@code java -cp <runner class
 * path> kernellab.runner.Main ...} with the current JVM; the class path comes from the system
 * property {@code kernellab.runnerClasspath} (the shaded CLI jar under Maven).
 */
final class Cli {

    /** How long a CLI process may take before the test gives up on it (a hang guard, not a measurement). */
    static final long HANG_GUARD_SECONDS = 120;

    /**
     * @param exitCode the process's exit status
     * @param out its standard output
     * @param err its standard error
     */
    record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static List<String> command(List<String> args) {
        String classpath = System.getProperty("kernellab.runnerClasspath");
        if (classpath == null) {
            throw new IllegalStateException("system property kernellab.runnerClasspath is not set");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("kernellab.runner.Main");
        cmd.addAll(args);
        return cmd;
    }

    /**
     * @param args the command line after {@code kernellab}
     * @param env extra environment variables
     * @return the started process
     */
    static Process start(List<String> args, Map<String, String> env) {
        return launch(command(args), env);
    }

    /**
     * Starts the CLI with SIGINT at its default action, as a shell's foreground job has it, even
     * when the tests run as a background job (which ignores SIGINT, and the JVM then keeps it
     * ignored): coreutils' {@code env --default-signal} resets it before it execs the JVM, whose
     * pid is the one returned.
     *
     * @param args the command line after {@code kernellab}
     * @return the running process
     */
    static Process startInForeground(List<String> args) {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(command(args));
        return launch(command, Map.of());
    }

    private static Process launch(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("KERNELLAB_SECRET");
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the CLI to its end.
     *
     * @param stdin what to feed its standard input
     * @param args the command line after {@code kernellab}
     * @return its exit status and output
     */
    static Result runWithInput(String stdin, String... args) {
        Process p = start(List.of(args), Map.of());
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kernellab " + String.join(" ", args) + " did not end");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * @param args the command line after {@code kernellab}
     * @return its exit status and output, with nothing on standard input
     */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                in.transferTo(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toString(StandardCharsets.UTF_8);
        });
    }
}
