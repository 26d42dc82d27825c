package kernellab.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import kernellab.runner.protocol.KernelLabProtocol;

/** A {@code kernellab serve} process started for a test, with its secret and port. */
final class ServeProcess implements AutoCloseable {

    final String secret = UUID.randomUUID().toString();
    final Process process;
    final int port;
    final CompletableFuture<String> err;

    ServeProcess() {
        process = Cli.start(List.of("serve", "--accept-timeout", "60s"), Map.of(KernelLabProtocol.SECRET_ENV, secret));
        err = Cli.drain(process.getErrorStream());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith(KernelLabProtocol.PORT_ANNOUNCEMENT)) {
                throw new AssertionError("no port announcement but " + line + "; stderr: " + err.join());
            }
            port = Integer.parseInt(line.substring(KernelLabProtocol.PORT_ANNOUNCEMENT.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    /** @return the exit status once the process has ended (a hang guard bounds the wait) */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("kernellab serve did not end");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
