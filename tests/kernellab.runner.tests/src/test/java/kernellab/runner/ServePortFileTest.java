package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kernellab.runner.protocol.KernelLabProtocol;

/** {@code kernellab serve --port-file FILE}, as the IDE starts it: the port goes to the file, nothing to the Console. */
class ServePortFileTest {

    @Test
    void writesThePortToTheFileAndNothingOnStandardOutput(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("serve.port");
        String secret = UUID.randomUUID().toString();
        Process process = Cli.start(List.of("serve", "--port-file", portFile.toString()), Map.of(KernelLabProtocol.SECRET_ENV, secret));
        CompletableFuture<String> out = Cli.drain(process.getInputStream());
        CompletableFuture<String> err = Cli.drain(process.getErrorStream());
        try {
            long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(Cli.HANG_GUARD_SECONDS);
            while (!Files.exists(portFile) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            String text = Files.readString(portFile, StandardCharsets.US_ASCII);
            int port = Integer.parseInt(text.strip());
            assertEquals(port + "\n", text);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                RawRpc rpc = new RawRpc(socket);
                rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"kernellab/hello\",\"params\":{\"protocolVersion\":"
                        + KernelLabProtocol.VERSION + ",\"secret\":\"" + secret + "\",\"client\":\"port file test\"}}");
                assertEquals(KernelLabProtocol.VERSION, rpc.response().getAsJsonObject("result").get("protocolVersion").getAsInt());
            }
            assertEquals(true, process.waitFor(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS), "serve ends with its connection");
            assertEquals("", out.get(), "standard output; stderr: " + err.get());
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
