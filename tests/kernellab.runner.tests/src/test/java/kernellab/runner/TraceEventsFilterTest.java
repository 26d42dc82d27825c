package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;

import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BreakpointSpec;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.SetBreakpointsParams;
import kernellab.runner.protocol.TraceEventInfo;

/**
 * {@code traceEvents} with {@link EventsParams#names()} over a real loopback socket: the events
 * asked for are exactly those of the unfiltered stream with those names, and
 * {@link EventBatch#scannedSequence()} continues past the events skipped.
 */
class TraceEventsFilterTest {

    private static final List<String> SWITCHES_AND_MIGRATIONS = List.of("sched_switch", "sched_migrate_task");

    /**
     * The run of {@link ServeProtocolTest#fourCpusSixHogs()}, read as the CPU Timeline reads it,
     * each request continuing at the previous batch's {@link EventBatch#scannedSequence()}: after
     * the launch the trace holds only the forks (events 1 to 67: no switch, no migration), all
     * skipped; at the first slice expiry (event 269 at 50 ms, the stop after CPU 0's switch 270)
     * come the four first switches and that one; after the run, five at a time, the rest.
     * Together they are the unfiltered stream's switches and migrations, fields and order included.
     */
    @Test
    void onlySwitchesAndMigrationsAreSentInOrderAndTheNextRequestContinuesAfterTheSkippedEvents() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                    socket.getOutputStream());
            launcher.startListening();
            KernelLabServer server = launcher.getRemoteProxy();
            KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
            server.launch(ServeProtocolTest.fourCpusSixHogs()).get();

            EventBatch forks = server.traceEvents(new EventsParams(0, 1_000_000, SWITCHES_AND_MIGRATIONS)).get();
            assertEquals(new EventBatch(1, 67, List.of(), 67, 0), forks, "all skipped, and looked at up to the last");
            EventBatch nothingNew = server.traceEvents(new EventsParams(forks.scannedSequence(), 5, SWITCHES_AND_MIGRATIONS)).get();
            assertEquals(new EventBatch(1, 67, List.of(), 67, 0), nothingNew, "the skipped events are not looked at again");

            server.setBreakpoints(new SetBreakpointsParams(List.of(BreakpointSpec.of(1, BreakpointKind.SLICE_EXPIRY)))).get();
            server.resume(new ResumeParams(null)).get();
            assertEquals(269, client.nextStop().event().sequence());
            EventBatch atStop = server.traceEvents(new EventsParams(forks.scannedSequence(), 1_000_000, SWITCHES_AND_MIGRATIONS))
                    .get();
            assertEquals(List.of(68L, 69L, 70L, 71L, 270L), sequences(atStop.events()));
            assertEquals(270, atStop.scannedSequence());
            assertEquals(50 * ServeProtocolTest.MS, atStop.scannedTimeNs());

            server.setBreakpoints(new SetBreakpointsParams(List.of())).get();
            server.resume(new ResumeParams(null)).get();
            client.nextExit();
            List<TraceEventInfo> read = new ArrayList<>(atStop.events());
            long after = atStop.scannedSequence();
            EventBatch page;
            do {
                page = server.traceEvents(new EventsParams(after, 5, SWITCHES_AND_MIGRATIONS)).get();
                read.addAll(page.events());
                if (page.events().size() == 5) {
                    assertEquals(page.events().getLast().sequence(), page.scannedSequence(), "a full page continues after its last event");
                }
                after = page.scannedSequence();
            } while (page.events().size() == 5);

            EventBatch all = server.traceEvents(new EventsParams(0, 1_000_000)).get();
            assertEquals(449, all.lastSequence());
            assertEquals(all.lastSequence(), after);
            List<TraceEventInfo> expected = all.events().stream().filter(e -> SWITCHES_AND_MIGRATIONS.contains(e.name())).toList();
            assertEquals(List.of(68L, 69L, 70L, 71L, 270L, 273L, 282L, 284L, 290L, 291L, 305L, 306L, 311L, 314L, 315L, 320L, 333L,
                    440L, 443L, 444L, 449L), sequences(expected));
            assertEquals(expected, read, "the same events, fields and order as in the unfiltered stream");
            EventBatch whole = server.traceEvents(new EventsParams(0, 1_000_000, SWITCHES_AND_MIGRATIONS)).get();
            assertEquals(expected, whole.events());
            assertEquals(new EventBatch(all.firstAvailable(), all.lastSequence(), expected, all.lastSequence(), 100 * ServeProtocolTest.MS),
                    whole);

            EventBatch migrations = server.traceEvents(new EventsParams(forks.scannedSequence(), 1_000_000,
                    List.of("sched_migrate_task"))).get();
            assertEquals(List.of(282L, 290L, 305L, 311L, 314L, 440L, 443L), sequences(migrations.events()));
            assertEquals(449, migrations.scannedSequence(), "past the skipped tail 444 to 449");

            assertEquals(all.events(), server.traceEvents(new EventsParams(0, 1_000_000, List.of())).get().events(),
                    "no names: all events");
            EventBatch unknown = server.traceEvents(new EventsParams(0, 1_000_000, List.of("sched_swtich"))).get();
            assertEquals(List.of(), unknown.events());
            assertEquals(all.lastSequence(), unknown.scannedSequence());
            ExecutionException nullName = assertThrows(ExecutionException.class,
                    () -> server.traceEvents(new EventsParams(0, 10, Arrays.asList("sched_switch", null))).get());
            ResponseError error = ((ResponseErrorException) nullName.getCause()).getResponseError();
            assertEquals(KernelLabProtocol.ERROR_INVALID_PARAMS, error.getCode());
            assertEquals("missing event name in names", error.getMessage());

            server.terminate().get();
            assertEquals(0, serve.awaitExit());
        }
    }

    private static List<Long> sequences(List<TraceEventInfo> events) {
        return events.stream().map(TraceEventInfo::sequence).toList();
    }
}
