package kernellab.runner.internal.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads the first message of a connection before JSON-RPC takes over and lets the connection in
 * only if it is a {@code kernellab/hello} request carrying the launch's secret. The message is
 * read with strict limits (header and body size), and the secret is compared in constant time.
 */
final class SecretGate {

    static final String HELLO = "kernellab/hello";
    private static final int MAX_HEADER = 1024;
    private static final int MAX_BODY = 64 * 1024;

    private final byte[] secret;

    SecretGate(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param in the connection's input
     * @return the first message's bytes (headers and body) to hand on, or {@code null} if the
     *         connection must be closed
     * @throws IOException if reading fails (also a time-out)
     */
    byte[] admit(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int length = -1;
        StringBuilder line = new StringBuilder();
        for (;;) {
            int c = in.read();
            if (c < 0 || raw.size() >= MAX_HEADER) {
                return null;
            }
            raw.write(c);
            if (c == '\n') {
                String header = line.toString().trim();
                line.setLength(0);
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                    try {
                        length = Integer.parseInt(header.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            } else if (c != '\r') {
                line.append((char) c);
            }
        }
        if (length < 0 || length > MAX_BODY) {
            return null;
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length || !carriesSecret(body)) {
            return null;
        }
        raw.write(body);
        return raw.toByteArray();
    }

    private boolean carriesSecret(byte[] body) {
        try {
            JsonElement e = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!(e instanceof JsonObject msg) || !msg.has("id") || !(msg.get("method") instanceof JsonElement m)
                    || !m.isJsonPrimitive() || !HELLO.equals(m.getAsString())) {
                return false;
            }
            if (!(msg.get("params") instanceof JsonObject params) || !(params.get("secret") instanceof JsonElement s)
                    || !s.isJsonPrimitive()) {
                return false;
            }
            return MessageDigest.isEqual(secret, s.getAsString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
