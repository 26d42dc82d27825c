package kernellab.runner.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * The remote-control protocol between the IDE and {@code kernellab serve}: JSON-RPC 2.0 with
 * LSP base-protocol framing ({@code Content-Length} headers) over a loopback TCP socket,
 * requests in {@link KernelLabServer}, notifications in {@link KernelLabClient}.
 *
 * <p>Connecting: the IDE generates a secret, starts the runner with it in the environment
 * variable {@link #SECRET_ENV} and reads the port from the file it names with {@code serve
 * --port-file FILE} (so that the simulation's Console shows no protocol line); without that
 * option the runner prints it on standard output, a line starting with {@link #PORT_ANNOUNCEMENT}. The first message on the connection must be
 * {@link KernelLabServer#hello} with that secret; the runner closes any connection whose first
 * message is anything else, so other local users can neither drive nor read the simulation.
 * When the authenticated connection drops, the runner ends.
 */
public final class KernelLabProtocol {

    /** Version of the protocol and of its records; both sides must speak the same. */
    public static final int VERSION = 3;
    /** Environment variable holding the per-launch secret. */
    public static final String SECRET_ENV = "KERNELLAB_SECRET";
    /** Start of the line the runner prints on standard output once it listens, if it has no port file; the port follows. */
    public static final String PORT_ANNOUNCEMENT = "kernellab-serve-port=";
    /** How many of the latest trace events the runner keeps for {@link KernelLabServer#traceEvents}. */
    public static final int RECORDED_EVENTS = 1 << 20;

    /** Error code: the client speaks another protocol version. */
    public static final int ERROR_VERSION_MISMATCH = -32010;
    /** Error code: the request does not fit the session's state (e.g. resume before launch). */
    public static final int ERROR_WRONG_STATE = -32011;
    /** Error code: a parameter is invalid (JSON-RPC's InvalidParams). */
    public static final int ERROR_INVALID_PARAMS = -32602;
    /** Error code: the file, task or cache asked for does not exist. */
    public static final int ERROR_NO_SUCH_FILE = -32012;

    private KernelLabProtocol() {
    }

    /**
     * Creates the IDE side of a connection; call {@link Launcher#startListening()} and then
     * {@link #hello} before anything else.
     *
     * @param client receives the runner's notifications
     * @param in the socket's input
     * @param out the socket's output
     * @return the launcher; its remote proxy is the runner
     */
    public static Launcher<KernelLabServer> clientLauncher(KernelLabClient client, InputStream in, OutputStream out) {
        return new Launcher.Builder<KernelLabServer>().setLocalService(client).setRemoteInterface(KernelLabServer.class)
                .setInput(in).setOutput(out).configureGson(KernelLabProtocol::configureGson).create();
    }

    /**
     * Configures the JSON mapping both sides must use: enum constants are written by name
     * ({@code "SCHED_WRR"}), not by lsp4j's default ordinal numbers.
     *
     * @param gson lsp4j's Gson builder (pass this method to {@code Launcher.Builder.configureGson})
     */
    public static void configureGson(GsonBuilder gson) {
        gson.registerTypeAdapterFactory(new TypeAdapterFactory() {
            private final Gson plain = new Gson();

            @Override
            public <T> TypeAdapter<T> create(Gson g, TypeToken<T> type) {
                Class<? super T> raw = type.getRawType();
                return Enum.class.isAssignableFrom(raw) && raw != Enum.class ? plain.getAdapter(type) : null;
            }
        });
    }

    /**
     * Authenticates and checks that both sides speak {@link #VERSION}.
     *
     * @param server the runner's proxy
     * @param secret the launch's secret
     * @param clientName the client's name for the runner's messages
     * @param timeoutMillis how long to wait for the answer
     * @return the runner's answer
     * @throws ProtocolVersionException if the runner speaks another version
     * @throws TimeoutException if the runner does not answer in time
     * @throws ExecutionException if the request failed otherwise (e.g. the connection was closed)
     * @throws InterruptedException if interrupted while waiting
     */
    public static HelloResult hello(KernelLabServer server, String secret, String clientName, long timeoutMillis)
            throws ProtocolVersionException, TimeoutException, ExecutionException, InterruptedException {
        HelloResult result;
        try {
            result = server.hello(new HelloParams(VERSION, secret, clientName)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException r && r.getResponseError().getCode() == ERROR_VERSION_MISMATCH) {
                throw new ProtocolVersionException(r.getResponseError().getMessage());
            }
            throw e;
        }
        if (result.protocolVersion() != VERSION) {
            throw new ProtocolVersionException(mismatch(result.protocolVersion(), VERSION));
        }
        return result;
    }

    /**
     * @param runnerVersion the runner's protocol version
     * @param clientVersion the client's protocol version
     * @return the message both sides show for a mismatch
     */
    public static String mismatch(int runnerVersion, int clientVersion) {
        return "KernelLab protocol version mismatch: the simulator speaks version " + runnerVersion + ", the client version "
                + clientVersion + "; use a simulator and an IDE plug-in of the same KernelLab release";
    }
}
