package dev.trialbench.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), for the
 * requests {@link java.net.http.HttpClient} refuses to send: a Content-Length that lies, a body cut
 * short by a half-closed socket, raw bytes that are not UTF-8, any method and any target. The
 * request is written exactly as given; nothing is encoded or fixed up. Thread-safe (stateless).
 */
final class RawHttp {

    /** What came back: a status of -1 means no parsable answer (the connection closed or timed out). */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer none(String why) {
            return new Answer(-1, Map.of(), why);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final URI base;
    private final Duration timeout;

    RawHttp(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * Sends the head and body as they are. {@code halfClose} shuts the sending side after the body,
     * so that a server waiting for more bytes than were sent sees the end of the stream.
     */
    Answer send(String head, byte[] body, boolean halfClose) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer (413) and close before the whole body is written: read what it said.
            }
            return parse(readAnswer(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return Answer.none("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Answer.none("connection failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Reads the answer's head and then as many body bytes as its Content-Length says (to the end of
     * the stream when it has none), as a well-behaved client does: waiting for the server to close
     * would measure the server's draining of a refused body, not its answer.
     */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long expected = -1;
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, read);
                if (expected < 0) {
                    expected = expectedLength(bytes.toByteArray());
                }
                if (expected >= 0 && bytes.size() >= expected) {
                    break;
                }
            }
        } catch (IOException e) {
            if (bytes.size() == 0) {
                throw e;
            }
            // A reset after (part of) the answer was read: keep what came.
        }
        return bytes.toByteArray();
    }

    /** Head plus body length once the head is complete and says Content-Length; -1 otherwise. */
    private static long expectedLength(byte[] received) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            return -1;
        }
        for (String line : text.substring(0, endOfHead).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                try {
                    return endOfHead + 4 + Long.parseLong(line.substring(15).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || endOfHead < 0) {
            return Answer.none("no HTTP answer (" + raw.length + " bytes)");
        }
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return Answer.none("unreadable status line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        String body = text.substring(endOfHead + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int position = 0;
        while (position < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", position);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(position, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.append(chunked, start, Math.min(chunked.length(), start + size));
            position = start + size + 2;
        }
        return body.toString();
    }
}
