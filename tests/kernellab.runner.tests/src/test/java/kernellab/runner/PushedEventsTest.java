package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BreakpointSpec;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.SetBreakpointsParams;
import kernellab.runner.protocol.TraceEventInfo;

/**
 * {@link LaunchParams#pushedEvents()} over a real loopback socket, on the run of
 * {@link ServeProtocolTest#fourCpusSixHogs()} stopped once at the first slice expiry (event 269
 * at 50 ms; the stop comes after CPU 0's switch 270) and then run to its end (event 449 at
 * 100 ms): the pushed batches carry exactly the events asked for, or none, and their sequence
 * fields still reach the stop and the end of the recorded trace. Without a filter they carry
 * the whole trace, as before. Prints the JSON size of the pushed batches of each run.
 */
class PushedEventsTest {

    private static final List<String> SWITCHES_AND_MIGRATIONS = List.of("sched_switch", "sched_migrate_task");

    /** What one run pushed, and the recorded trace read afterwards. */
    private record Run(List<EventBatch> untilStop, List<EventBatch> batches, EventBatch trace) {

        List<TraceEventInfo> pushed(List<EventBatch> some) {
            return some.stream().flatMap(b -> b.events().stream()).toList();
        }
    }

    @Test
    void withoutFilterTheBatchesCarryTheWholeTrace() throws Exception {
        Run run = run(null);
        assertEquals(449, run.trace.lastSequence());
        assertEquals(run.trace.events(), run.pushed(run.batches));
        assertEquals(270, run.untilStop.getLast().scannedSequence());
        assertEndsAtTheTracesEnd(run);
    }

    @Test
    void theBatchesCarryOnlyTheEventsAskedForInTheirOrder() throws Exception {
        Run run = run(SWITCHES_AND_MIGRATIONS);
        assertEquals(List.of(68L, 69L, 70L, 71L, 270L), sequences(run.pushed(run.untilStop)));
        assertEquals(270, run.untilStop.getLast().scannedSequence());
        List<TraceEventInfo> expected = run.trace.events().stream().filter(e -> SWITCHES_AND_MIGRATIONS.contains(e.name()))
                .toList();
        assertEquals(List.of(68L, 69L, 70L, 71L, 270L, 273L, 282L, 284L, 290L, 291L, 305L, 306L, 311L, 314L, 315L, 320L, 333L,
                440L, 443L, 444L, 449L), sequences(expected));
        assertEquals(expected, run.pushed(run.batches), "the same events, fields and order as in the recorded trace");
        assertEndsAtTheTracesEnd(run);
    }

    @Test
    void noNamesMakeTheBatchesProgressTicks() throws Exception {
        Run run = run(List.of());
        assertEquals(List.of(), run.pushed(run.batches));
        EventBatch atStop = run.untilStop.getLast();
        assertEquals(new EventBatch(1, 270, List.of(), 270, 50 * ServeProtocolTest.MS), atStop,
                "the stop's batch says how far the trace went");
        assertEndsAtTheTracesEnd(run);
        assertEquals(new EventBatch(1, 449, List.of(), 449, 100 * ServeProtocolTest.MS), run.batches.getLast());
    }

    @Test
    void aMissingNameIsAnInvalidLaunchThatCanBeRepeated() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            KernelLabServer server = connect(serve, socket, new RecordingClient());
            LaunchParams p = ServeProtocolTest.fourCpusSixHogs();
            ExecutionException bad = assertThrows(ExecutionException.class, () -> server.launch(new LaunchParams(p.machine(),
                    p.workloads(), p.classpath(), p.stop(), Arrays.asList("sched_switch", null))).get());
            ResponseError error = ((ResponseErrorException) bad.getCause()).getResponseError();
            assertEquals(KernelLabProtocol.ERROR_INVALID_PARAMS, error.getCode());
            assertEquals("missing event name in pushedEvents", error.getMessage());
            assertEquals(6, server.launch(p).get().tasks().stream().filter(t -> t.comm().equals("hog")).count());
            server.terminate().get();
            assertEquals(0, serve.awaitExit());
        }
    }

    /**
     * Every batch moved the trace on, and the last one reached the recorded trace's last event.
     */
    private static void assertEndsAtTheTracesEnd(Run run) {
        long previous = 0;
        for (EventBatch b : run.batches) {
            assertTrue(b.scannedSequence() > previous, "each batch continues after the previous one: " + run.batches);
            previous = b.scannedSequence();
        }
        EventBatch last = run.batches.getLast();
        assertEquals(run.trace.lastSequence(), last.lastSequence());
        assertEquals(run.trace.lastSequence(), last.scannedSequence());
        assertEquals(100 * ServeProtocolTest.MS, last.scannedTimeNs());
    }

    private static Run run(List<String> pushedEvents) throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            KernelLabServer server = connect(serve, socket, client);
            LaunchParams p = ServeProtocolTest.fourCpusSixHogs();
            server.launch(new LaunchParams(p.machine(), p.workloads(), p.classpath(), p.stop(), pushedEvents)).get();
            server.setBreakpoints(new SetBreakpointsParams(List.of(BreakpointSpec.of(1, BreakpointKind.SLICE_EXPIRY)))).get();
            server.resume(new ResumeParams(null)).get();
            assertEquals(269, client.nextStop().event().sequence());
            // the batches come before the stopped notification, on the same connection
            List<EventBatch> untilStop = new ArrayList<>(client.batches);
            server.setBreakpoints(new SetBreakpointsParams(List.of())).get();
            server.resume(new ResumeParams(null)).get();
            client.nextExit();
            EventBatch trace = server.traceEvents(new EventsParams(0, 1_000_000)).get();
            List<EventBatch> batches = new ArrayList<>(client.batches);
            server.terminate().get();
            assertEquals(0, serve.awaitExit());
            printSize(pushedEvents, batches);
            return new Run(untilStop, batches, trace);
        }
    }

    private static KernelLabServer connect(ServeProcess serve, Socket socket, RecordingClient client) throws Exception {
        Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                socket.getOutputStream());
        launcher.startListening();
        KernelLabServer server = launcher.getRemoteProxy();
        KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
        return server;
    }

    /** Prints what the batches cost on the wire (their params as the protocol's Gson writes them). */
    private static void printSize(List<String> pushedEvents, List<EventBatch> batches) {
        GsonBuilder builder = new GsonBuilder();
        KernelLabProtocol.configureGson(builder);
        Gson gson = builder.create();
        long bytes = batches.stream().mapToLong(b -> gson.toJson(b).getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.println(String.format(Locale.ROOT, "[pushed] pushedEvents=%s: %d batches, %d events, %d bytes of JSON",
                pushedEvents, batches.size(), batches.stream().mapToLong(b -> b.events().size()).sum(), bytes));
    }

    private static List<Long> sequences(List<TraceEventInfo> events) {
        return events.stream().map(TraceEventInfo::sequence).toList();
    }
}
