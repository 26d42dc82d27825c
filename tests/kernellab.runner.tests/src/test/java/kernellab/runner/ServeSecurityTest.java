package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import kernellab.runner.protocol.HelloResult;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.ProtocolVersionException;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.WorkloadSpec;

/** Who may talk to {@code kernellab serve}, and what happens with bad input and dropped connections. */
class ServeSecurityTest {

    private static String hello(String secret, int version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"kernellab/hello\",\"params\":{\"protocolVersion\":" + version
                + ",\"secret\":\"" + secret + "\",\"client\":\"raw test\"}}";
    }

    private static void assertError(int id, int code, String message, JsonObject response) {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}",
                response.toString());
    }

    private static void assertParseError(String message, JsonObject response) {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"malformed message: " + message
                + "\"}}", response.toString());
    }

    @Test
    void garbageAndOutOfOrderRequestsAreAnsweredWithErrorsAndTheSessionGoesOn() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RawRpc rpc = new RawRpc(socket);
            rpc.send(hello(serve.secret, KernelLabProtocol.VERSION));
            JsonObject hello = rpc.response();
            assertEquals(KernelLabProtocol.VERSION, hello.getAsJsonObject("result").get("protocolVersion").getAsInt());
            assertEquals("kernellab 0.1.0", hello.getAsJsonObject("result").get("runner").getAsString());

            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"kernellab/resume\",\"params\":{}}");
            assertError(2, -32011, "no simulation: call launch first", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"kernellab/nosuch\"}");
            assertError(3, -32601, "Unsupported request method: kernellab/nosuch", rpc.response());
            rpc.sendBytes("Content-Length: 12\r\n\r\n{not json!!}");
            assertParseError("com.google.gson.stream.MalformedJsonException: Expected ':' at line 1 column 7 path $.not",
                    rpc.response());
            rpc.sendBytes("garbage without header\r\n\r\n");
            assertParseError("Missing header Content-Length in input \\\"garbage without header", rpc.response());
            rpc.send("[1,2,3]");
            assertParseError("java.lang.IllegalStateException: Expected BEGIN_OBJECT but was BEGIN_ARRAY at line 1 column 2 path $",
                    rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"kernellab/launch\",\"params\":{\"machine\":{\"cpus\":0}}}");
            assertError(4, -32602, "cpus must be 1..1024: 0", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"kernellab/launch\",\"params\":{\"workloads\":"
                    + "[{\"program\":\"no.such.Workload\",\"count\":1}]}}");
            assertError(5, -32602, "workload class no.such.Workload cannot be loaded: not found on the class path (give it with"
                    + " --classpath) and not a built-in behaviour (cpu-bound[:TOTAL], io-bound:BURST:IO[:ROUNDS],"
                    + " periodic:PERIOD:WORK[:ROUNDS])", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"kernellab/hello\",\"params\":{\"protocolVersion\":1}}");
            assertError(6, -32011, "hello was already received", rpc.response());

            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"kernellab/launch\",\"params\":{\"machine\":{\"cpus\":2},"
                    + "\"workloads\":[{\"program\":\"cpu-bound:1ms\",\"count\":1,\"policy\":\"SCHED_FIFO\",\"priority\":10}]}}");
            JsonObject launched = rpc.response();
            assertEquals(2, launched.getAsJsonObject("result").get("cpus").getAsInt());
            JsonObject task = launched.getAsJsonObject("result").getAsJsonArray("tasks").get(1).getAsJsonObject();
            assertEquals("{\"pid\":2,\"comm\":\"cpu-bound\",\"policy\":\"SCHED_FIFO\",\"rtPriority\":10,\"prio\":89}",
                    "{\"pid\":" + task.get("pid") + ",\"comm\":" + task.get("comm") + ",\"policy\":" + task.get("policy")
                            + ",\"rtPriority\":" + task.get("rtPriority") + ",\"prio\":" + task.get("prio") + "}");
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"kernellab/step\",\"params\":{\"kind\":\"SIDEWAYS\"}}");
            assertError(8, -32602, "missing step kind", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"kernellab/step\",\"params\":{\"kind\":\"SWITCH_ON_CPU\",\"cpu\":5}}");
            assertError(9, -32602, "no CPU 5", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"kernellab/launch\",\"params\":{}}");
            assertError(10, -32011, "already launched", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"kernellab/readFile\",\"params\":{\"path\":\"/proc/nosuch\"}}");
            assertError(11, -32012, "/proc/nosuch: No such file or directory", rpc.response());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"kernellab/readFile\",\"params\":{\"path\":\"/proc/2/comm\"}}");
            assertEquals("cpu-bound\n", rpc.response().getAsJsonObject("result").get("text").getAsString());
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"kernellab/terminate\"}");
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":13,\"result\":null}", rpc.response().toString());
            assertNull(rpc.read());
            assertEquals(0, serve.awaitExit());
        }
    }

    @Test
    void connectionsWithoutTheSecretAreClosedAndTheRightClientStillGetsIn() throws Exception {
        try (ServeProcess serve = new ServeProcess()) {
            try (Socket intruder = serve.connect()) {
                RawRpc rpc = new RawRpc(intruder);
                rpc.send(hello("guessed-" + serve.secret.substring(8), KernelLabProtocol.VERSION));
                assertNull(rpc.read());
            }
            try (Socket intruder = serve.connect()) {
                RawRpc rpc = new RawRpc(intruder);
                rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"kernellab/tasks\"}");
                assertNull(rpc.read());
            }
            try (Socket intruder = serve.connect()) {
                RawRpc rpc = new RawRpc(intruder);
                rpc.sendBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertNull(rpc.read());
            }
            try (Socket ide = serve.connect()) {
                RecordingClient client = new RecordingClient();
                Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, ide.getInputStream(),
                        ide.getOutputStream());
                launcher.startListening();
                HelloResult hello = KernelLabProtocol.hello(launcher.getRemoteProxy(), serve.secret, "test", 60_000);
                assertEquals(KernelLabProtocol.VERSION, hello.protocolVersion());
                assertEquals(serve.process.pid(), hello.pid());
            }
            assertEquals(0, serve.awaitExit());
            String err = serve.err.join();
            assertEquals(3, err.lines().filter(l -> l.startsWith("kernellab serve: closed a connection from port ")
                    && l.endsWith(" whose first message was not a hello with the launch's secret")).count(), err);
        }
    }

    @Test
    void aProtocolVersionMismatchIsAClearErrorOnTheRunnerSide() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RawRpc rpc = new RawRpc(socket);
            rpc.send(hello(serve.secret, 99));
            String message = "KernelLab protocol version mismatch: the simulator speaks version " + KernelLabProtocol.VERSION
                    + ", the client version 99;"
                    + " use a simulator and an IDE plug-in of the same KernelLab release";
            assertError(1, -32010, message, rpc.response());
            assertNull(rpc.read());
            assertEquals(1, serve.awaitExit());
            assertTrue(serve.err.join().contains("kernellab serve: " + message + "\n"), serve.err.join());
        }
    }

    @Test
    void aProtocolVersionMismatchIsAClearErrorOnTheClientSide() {
        KernelLabServer olderRunner = (KernelLabServer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KernelLabServer.class},
                (proxy, method, args) -> CompletableFuture.completedFuture(new HelloResult(KernelLabProtocol.VERSION + 1, "kernellab 9.9.9", 1)));
        ProtocolVersionException e = assertThrows(ProtocolVersionException.class,
                () -> KernelLabProtocol.hello(olderRunner, "s", "test", 1000));
        assertEquals("KernelLab protocol version mismatch: the simulator speaks version " + (KernelLabProtocol.VERSION + 1)
                + ", the client version " + KernelLabProtocol.VERSION + "; use a"
                + " simulator and an IDE plug-in of the same KernelLab release", e.getMessage());
    }

    @Test
    void aDroppedConnectionEndsTheSimulationAndTheProcess() throws Exception {
        try (ServeProcess serve = new ServeProcess()) {
            try (Socket socket = serve.connect()) {
                RecordingClient client = new RecordingClient();
                Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                        socket.getOutputStream());
                launcher.startListening();
                KernelLabServer server = launcher.getRemoteProxy();
                KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
                server.launch(new LaunchParams(MachineSpec.DEFAULT, List.of(WorkloadSpec.of("cpu-bound")), List.of(),
                        new StopCondition(null, true))).get();
                server.resume(new ResumeParams(null)).get();
                assertEquals(2, server.tasks().get().tasks().size());
            }
            assertEquals(0, serve.awaitExit());
        }
    }

    @Test
    void withoutASecretTheRunnerDoesNotListen() {
        Cli.Result r = Cli.run("serve");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals("kernellab serve: the environment variable KERNELLAB_SECRET is not set; the IDE sets it to a new secret"
                + " for each launch\n", r.err());
    }
}
