package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.eclipse.lsp4j.jsonrpc.Launcher;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import kernellab.runner.fixtures.Exiter;
import kernellab.runner.fixtures.HeapHog;
import kernellab.runner.fixtures.Recursion;
import kernellab.runner.fixtures.Spinner;
import kernellab.runner.fixtures.Thrower;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.WorkloadSpec;

/**
 * {@code kernellab run} when the student's workload goes wrong: the task that dies says why on
 * standard error (the JVM's report with the student's frames, or the kernel's line of the
 * signal), the run goes on and exits with the first workload's status as strace does, and
 * nothing is lost: System.exit, SIGINT and SIGTERM still leave the report and a well-formed trace.
 */
class FailingWorkloadTest {

    private static String classes() throws URISyntaxException {
        return RunCommandTest.testClasses();
    }

    @Test
    void anUncaughtExceptionIsTheJvmsReportWithTheStudentsFramesAndExitStatus134() throws URISyntaxException {
        Cli.Result r = Cli.run("run", "--cpus", "1", "-cp", classes(), "-w", Thrower.class.getName(), "-w", "cpu-bound:3ms");
        assertEquals("[Thrower 2] about to fail\n", r.out());
        assertEquals("""
                Exception in task Thrower [2] "main": java.lang.IllegalStateException: boom
                \tat kernellab.runner.fixtures.Thrower.fail(Thrower.java:17)
                \tat kernellab.runner.fixtures.Thrower.run(Thrower.java:13)
                """, r.err());
        assertEquals(134, r.exitCode());
    }

    @Test
    void theExitStatusIsTheFirstWorkloads() throws URISyntaxException {
        Cli.Result second = Cli.run("run", "--cpus", "1", "-cp", classes(), "-w", "cpu-bound:3ms", "-w", Thrower.class.getName());
        assertEquals(0, second.exitCode(), second.err());
        Cli.Result running = Cli.run("run", "-w", "cpu-bound", "--duration", "5ms");
        assertEquals(0, running.exitCode(), running.err());
    }

    @Test
    void aStackOverflowIsOneFrameRepeated() throws URISyntaxException {
        Cli.Result r = Cli.run("run", "-cp", classes(), "-w", Recursion.class.getName());
        assertEquals(134, r.exitCode());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of("Exception in task Recursion [2] \"main\": java.lang.StackOverflowError",
                "\tat kernellab.runner.fixtures.Recursion.down(Recursion.java:15)"), lines.subList(0, 2));
        assertEquals(3, lines.size(), r.err());
        assertTrue(lines.get(2).matches("\t\\.\\.\\. the frame above repeated \\d+ more times"), lines.get(2));
    }

    @Test
    void anOutOfMemoryErrorOfTheJavaHeapKillsOnlyTheTask() throws URISyntaxException {
        Cli.Result r = Cli.run("run", "-cp", classes(), "-w", HeapHog.class.getName(), "-w", "cpu-bound:2ms", "--report", "-");
        assertEquals("""
                Exception in task HeapHog [2] "main": java.lang.OutOfMemoryError: Requested array size exceeds VM limit
                \tat kernellab.runner.fixtures.HeapHog.run(HeapHog.java:11)
                """, r.err());
        assertEquals(134, r.exitCode());
        JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(2_000_000L, report.get("timeNs").getAsLong());
        assertEquals(0, report.getAsJsonArray("tasks").get(1).getAsJsonObject().get("exitStatus").getAsInt());
    }

    @Test
    void theWatchdogsKillIsTheKernelsLineAndExitStatus137() throws URISyntaxException {
        Cli.Result r = Cli.run("run", "-cp", classes(), "--watchdog", "200ms", "-w", Spinner.class.getName());
        assertEquals("Spinner[2]: killed by the watchdog: ran more than 200 ms of real time without a system call\n", r.err());
        assertEquals(137, r.exitCode());
    }

    /** System.exit in a workload is that task's exit_group: the run goes on and writes everything. */
    @Test
    void systemExitEndsOnlyTheTaskAndTheReportAndTraceAreComplete(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.json");
        Path report = dir.resolve("r.json");
        Cli.Result r = Cli.run("run", "--cpus", "1", "-cp", classes(), "-w", Exiter.class.getName(), "-w", "cpu-bound:5ms",
                "--trace", trace.toString(), "--report", report.toString());
        assertEquals("[Exiter 2] bye\n", r.out());
        assertEquals("", r.err());
        assertEquals(3, r.exitCode());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals("all workloads exited", json.get("stopReason").getAsString());
        assertEquals(7_000_000L, json.get("timeNs").getAsLong());
        assertEquals(3, json.getAsJsonArray("tasks").get(0).getAsJsonObject().get("exitStatus").getAsInt());
        assertTrue(JsonParser.parseString(Files.readString(trace)).getAsJsonObject().getAsJsonArray("traceEvents").size() > 10);
    }

    @Test
    void aRunThatCanNeverEndIsRefusedUpFront() {
        Cli.Result r = Cli.run("run", "-w", "cpu-bound", "--trace", "/dev/null");
        assertEquals(2, r.exitCode());
        assertEquals("workload 'cpu-bound' never ends and there is no --duration: add one (e.g. --duration 2s) or give the"
                + " workload an end (e.g. cpu-bound:200ms)\nTry 'kernellab run --help' for more information.\n", r.err());
        Cli.Result io = Cli.run("run", "-w", "io-bound:1ms:1ms");
        assertEquals(2, io.exitCode());
        assertTrue(io.err().startsWith("workload 'io-bound:1ms:1ms' never ends"), io.err());
    }

    /** At its limit the trace stops with one warning and stays well-formed; the run goes on. */
    @Test
    void theTraceStopsAtItsLimitWithOneWarning(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.json");
        Cli.Result r = Cli.run("run", "--cpus", "2", "-w", "cpu-bound:1s", "--count", "3", "--weight", "1", "--wrr-base-slice",
                "1ms", "--trace", trace.toString(), "--trace-limit", "20K", "--report", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("kernellab run: warning: the trace reached --trace-limit 20K at 0.152000 s simulated; recording stopped"
                + " there (the file stays well-formed)\n", r.err());
        long size = Files.size(trace);
        assertTrue(size > 20 * 1024 && size < 21 * 1024, "size " + size);
        String last = JsonParser.parseString(Files.readString(trace)).getAsJsonObject().getAsJsonArray("traceEvents").asList()
                .stream().map(e -> e.getAsJsonObject()).filter(e -> e.has("dur"))
                .map(e -> e.get("ts").getAsBigDecimal().add(e.get("dur").getAsBigDecimal())).max(BigDecimal::compareTo)
                .orElseThrow().toPlainString();
        assertEquals("152000.000", last);
        assertEquals(1_500_000_000L, JsonParser.parseString(r.out()).getAsJsonObject().get("timeNs").getAsLong());
    }

    /**
     * SIGINT or SIGTERM ends the run at the current simulated time: the report says so, the
     * Chrome trace is complete JSON marked where the run was interrupted, the exit status is 128 +
     * the signal.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalEndsTheRunAndKeepsTheReportAndTrace(String signal, int status, @TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.json");
        Path report = dir.resolve("r.json");
        Process p = Cli.startInForeground(List.of("run", "-w", "cpu-bound", "--count", "4", "--duration", "100000s", "--print-at",
                "1ms:/proc/uptime", "--trace", trace.toString(), "--report", report.toString()));
        try {
            CompletableFuture<String> err = Cli.drain(p.getErrorStream());
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("==> /proc/uptime at 0.001000 <=="));
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(status, p.exitValue(), err.join());
        } finally {
            p.destroyForcibly();
        }
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals("interrupted by a signal", json.get("stopReason").getAsString());
        assertTrue(json.get("timeNs").getAsLong() > 1_000_000L);
        List<JsonObject> events = JsonParser.parseString(Files.readString(trace)).getAsJsonObject().getAsJsonArray("traceEvents")
                .asList().stream().map(e -> e.getAsJsonObject()).toList();
        assertTrue(events.size() > 10);
        JsonObject mark = events.stream().filter(e -> e.get("ph").getAsString().equals("i")).reduce((a, b) -> b).orElseThrow();
        assertEquals("interrupted by a signal", mark.get("name").getAsString());
        assertEquals("g", mark.get("s").getAsString());
        assertEquals(BigDecimal.valueOf(json.get("timeNs").getAsLong(), 3), mark.get("ts").getAsBigDecimal());
    }

    /** Over serve the same report reaches the IDE as error lines of its Console (the kernel log's notifications). */
    @Test
    void theReportReachesTheIdeAsLogLines() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                    socket.getOutputStream());
            launcher.startListening();
            KernelLabServer server = launcher.getRemoteProxy();
            KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
            WorkloadSpec thrower = new WorkloadSpec(Thrower.class.getName(), null, 1, null, 0, null, null, null, null, List.of());
            server.launch(new LaunchParams(MachineSpec.DEFAULT, List.of(thrower), List.of(classes()), new StopCondition(null, true)))
                    .get();
            server.resume(new ResumeParams(null)).get();
            assertEquals(134, client.nextExit().report().tasks().get(0).exitStatus());
            assertEquals(List.of("KERN_ERR Exception in task Thrower [2] \"main\": java.lang.IllegalStateException: boom",
                    "KERN_ERR \tat kernellab.runner.fixtures.Thrower.fail(Thrower.java:17)",
                    "KERN_ERR \tat kernellab.runner.fixtures.Thrower.run(Thrower.java:13)"),
                    client.log.stream().map(l -> l.level() + " " + l.text()).toList());
        }
    }
}
