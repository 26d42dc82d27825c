package kernellab.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Speaks the JSON-RPC framing by hand, to send what a well-behaved client never would. */
final class RawRpc {

    private final InputStream in;
    private final OutputStream out;

    RawRpc(Socket socket) throws IOException {
        socket.setSoTimeout((int) Cli.HANG_GUARD_SECONDS * 1000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void sendBytes(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        sendBytes("Content-Length: " + body.length + "\r\n\r\n" + json);
    }

    /** @return the next message, or {@code null} if the runner closed the connection */
    JsonObject read() throws IOException {
        int length = -1;
        StringBuilder line = new StringBuilder();
        for (;;) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                String h = line.toString().trim();
                line.setLength(0);
                if (h.isEmpty()) {
                    break;
                }
                if (h.startsWith("Content-Length:")) {
                    length = Integer.parseInt(h.substring("Content-Length:".length()).trim());
                }
            } else {
                line.append((char) c);
            }
        }
        byte[] body = in.readNBytes(length);
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** @return the next response (skipping notifications) */
    JsonObject response() throws IOException {
        for (;;) {
            JsonObject m = read();
            if (m == null || m.has("id")) {
                return m;
            }
        }
    }

    static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
