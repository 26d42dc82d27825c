package kernellab.runner.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import kernellab.runner.internal.serve.RemoteServer;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.internal.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kernellab serve}: waits for the IDE on a loopback port and lets it drive a simulation
 * over JSON-RPC (see {@link KernelLabProtocol}).
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Remote control for the IDE: listen on an ephemeral loopback port, write it to the --port-file"
                + " (or else print '" + KernelLabProtocol.PORT_ANNOUNCEMENT + "PORT' on standard output) and serve one client"
                + " over JSON-RPC.",
                "The client's first message must be kernellab/hello with the secret given in the environment variable "
                        + KernelLabProtocol.SECRET_ENV + "; other connections are closed. The process ends when the"
                        + " connection ends."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:the client disconnected or terminated the simulation",
                "1:no client authenticated in time, or it speaks another protocol version",
                "2:bad options or no secret"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port-file", paramLabel = "FILE",
            description = "Write the port number to FILE (whole, at once) instead of announcing it on standard output.")
    Path portFile;

    @Option(names = "--accept-timeout", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "60s",
            description = "Give up if no client has authenticated within this real time (default: ${DEFAULT-VALUE}).")
    long acceptTimeout;

    @Option(names = "--slice", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "10ms",
            description = "Simulated time between two looks at the client's requests while running (default: ${DEFAULT-VALUE}).")
    long slice;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String secret = System.getenv(KernelLabProtocol.SECRET_ENV);
        if (secret == null || secret.isEmpty()) {
            err.println(Messages.commandError("serve", Messages.noSecret(KernelLabProtocol.SECRET_ENV)));
            return 2;
        }
        RemoteServer.Admitted client;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            if (portFile != null) {
                try {
                    writePortFile(port);
                } catch (IOException e) {
                    throw new ParameterException(spec.commandLine(), Messages.invalidValue("--port-file",
                            Messages.cannotCreate(portFile, portFileProblem(e))));
                }
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.println(KernelLabProtocol.PORT_ANNOUNCEMENT + port);
                out.flush();
            }
            client = RemoteServer.accept(server, secret, acceptTimeout / 1_000_000L, err);
        }
        if (client == null) {
            err.println(Messages.commandError("serve", Messages.noClient(acceptTimeout / 1_000_000L)));
            return 1;
        }
        return RemoteServer.serve(client, slice, err);
    }

    /** @return why the port file could not be written, naming the user's path (not the temporary file beside it) */
    private String portFileProblem(IOException e) {
        Path parent = portFile.toAbsolutePath().getParent();
        if (Files.isDirectory(portFile)) {
            return "a directory";
        }
        if (parent != null && !Files.isDirectory(parent)) {
            return "no such directory: " + parent;
        }
        return e.toString();
    }

    /** Writes the port to a file beside {@link #portFile} and renames it, so a reader never sees a partial number. */
    private void writePortFile(int port) throws IOException {
        Path absolute = portFile.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".partial");
        Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
