package kernellab.runner.internal.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.lsp4j.jsonrpc.Launcher;

import kernellab.runner.protocol.KernelLabClient;
import kernellab.runner.internal.Messages;

/**
 * Accepts the IDE's connection and runs the JSON-RPC session on it. A connection is admitted
 * only after {@link SecretGate} has checked its first message; others are closed and the
 * server goes on waiting. The session ends, and with it the process, when the connection
 * drops or the client terminates the simulation.
 */
public final class RemoteServer {

    private static final int FIRST_MESSAGE_TIMEOUT_MILLIS = 10_000;

    private RemoteServer() {
    }

    /**
     * Waits for an authenticated connection.
     *
     * @param server the listening socket
     * @param secret the launch's secret
     * @param timeoutMillis how long to wait in all
     * @param err where rejected connections are reported
     * @return the admitted connection, or {@code null} on time-out
     * @throws IOException if the server socket fails
     */
    public static Admitted accept(ServerSocket server, String secret, long timeoutMillis, PrintWriter err) throws IOException {
        SecretGate gate = new SecretGate(secret);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (;;) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                return null;
            }
            byte[] first = null;
            try {
                s.setSoTimeout(FIRST_MESSAGE_TIMEOUT_MILLIS);
                first = gate.admit(s.getInputStream());
            } catch (IOException e) {
                first = null;
            }
            if (first != null) {
                s.setSoTimeout(0);
                return new Admitted(s, first);
            }
            err.println(Messages.commandError("serve", Messages.refusedConnection(s.getPort())));
            err.flush();
            s.close();
        }
    }

    /**
     * A connection that passed the gate.
     *
     * @param socket the connection
     * @param first the bytes of its first message, already read, to be handed to JSON-RPC
     */
    public record Admitted(Socket socket, byte[] first) {
    }

    /**
     * Serves the session until the connection ends.
     *
     * @param client a connection from {@link #accept}
     * @param sliceNs simulated time between two looks at the mailbox while running
     * @param err where malformed input is reported
     * @return the process exit status
     * @throws IOException if the connection cannot be used
     * @throws InterruptedException if interrupted
     */
    public static int serve(Admitted client, long sliceNs, PrintWriter err) throws IOException, InterruptedException {
        Socket socket = client.socket();
        Logger.getLogger("org.eclipse.lsp4j.jsonrpc").setLevel(Level.OFF);
        ExecutorService executor = Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon(true).unstarted(r));
        RemoteSession session = new RemoteSession(sliceNs, () -> closeQuietly(socket));
        Launcher<KernelLabClient> launcher = new ServerLauncher(err)
                .setLocalService(session)
                .setRemoteInterface(KernelLabClient.class)
                .setInput(new SequenceInputStream(new ByteArrayInputStream(client.first()), socket.getInputStream()))
                .setOutput(socket.getOutputStream())
                .setExecutorService(executor)
                .create();
        session.connect(launcher.getRemoteProxy());
        try {
            launcher.startListening().get();
        } catch (ExecutionException e) {
            // the connection failed: the session ends as on a disconnect
        } finally {
            session.close();
            closeQuietly(socket);
            executor.shutdownNow();
        }
        return session.exitStatus();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
