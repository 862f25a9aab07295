package dev.trialbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a JSON request body without trusting it: the media type must be {@code application/json},
 * at most {@value #MAX_BYTES} bytes are ever held in memory (a larger body is refused with 413,
 * whatever its Content-Length says), and the bytes must be valid UTF-8 (no replacement characters
 * slipped in). Thread-safe (stateless).
 */
final class RequestBody {

    static final int MAX_BYTES = 16 * 1024;
    /** Before a 413, up to this much more is read and thrown away so the client sees the answer. */
    private static final long MAX_DISCARDED_BYTES = 2L * 1024 * 1024;

    private RequestBody() {
    }

    /** The body as text, or an {@link HttpFailure} (415, 413 or 400). */
    static String readJson(Incoming request) {
        requireJson(request.header("Content-Type"));
        String declared = request.header("Content-Length");
        if (declared != null && declaredTooLarge(declared.strip())) {
            throw HttpFailure.tooLarge(MAX_BYTES);
        }
        byte[] bytes = readAtMost(request.body(), MAX_BYTES);
        return decodeUtf8(bytes);
    }

    /** Refused before reading a byte; a body without a length (chunked) is capped while it is read. */
    private static boolean declaredTooLarge(String length) {
        return length.matches("[0-9]+") && (length.length() > 9 || Integer.parseInt(length) > MAX_BYTES);
    }

    static void requireJson(String contentType) {
        if (contentType == null) {
            throw HttpFailure.unsupportedMediaType();
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            throw HttpFailure.unsupportedMediaType();
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw HttpFailure.unsupportedMediaType();
                }
            }
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) {
        byte[] buffer = new byte[limit + 1];
        int length = 0;
        try {
            while (length < buffer.length) {
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    return Arrays.copyOf(buffer, length);
                }
                length += read;
            }
        } catch (IOException e) {
            // The server throws when the stream ends before Content-Length bytes came or a chunk is
            // malformed: the client's fault (a lying length, a broken encoding, a dropped
            // connection), not the service's.
            throw HttpFailure.invalid("the body could not be read to its end: it is shorter than its Content-Length,"
                    + " or its chunked encoding is broken");
        }
        throw HttpFailure.tooLarge(limit);
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpFailure.invalid("the body is not valid UTF-8");
        }
    }

    /**
     * Reads and drops what is left of a refused body, a buffer at a time and never more than a bounded
     * amount, so that closing the connection does not reset it under a client still sending.
     * {@link Route} calls it after the answer went out, so a client whose Content-Length promises
     * more than it sends has its answer all the same.
     */
    static void discardRest(InputStream in) {
        byte[] sink = new byte[8192];
        long discarded = 0;
        try {
            int read;
            while (discarded < MAX_DISCARDED_BYTES && (read = in.read(sink)) >= 0) {
                discarded += read;
            }
        } catch (IOException e) {
            // The client went away; nothing left to protect.
        }
    }
}
