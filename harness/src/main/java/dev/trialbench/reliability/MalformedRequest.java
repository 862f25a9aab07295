package dev.trialbench.reliability;

import java.nio.charset.StandardCharsets;

/**
 * One generated bad request, as the bytes that go on the wire. Immutable (the body array is not
 * copied: it is built once by {@link MalformedRequests} and only read).
 *
 * @param category    what kind of bad input it is (the key of {@link BadInputResult#triedByCategory()})
 * @param description a short, printable account of the defect (never the raw bytes)
 * @param head        request line and headers, ending with the blank line
 * @param body        the body bytes, possibly fewer or more than the Content-Length says
 * @param halfClose   whether the client shuts its sending side after the body
 * @param echoProbe   a piece of the input that must not come back in the answer, or null
 */
record MalformedRequest(String category, String description, String head, byte[] body, boolean halfClose, String echoProbe) {

    /** The head of an ordinary request; {@code contentLength} null means the body's true length. */
    static String head(String method, String target, String host, String contentType, String contentLength, int bodyLength) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Connection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(contentLength == null ? Integer.toString(bodyLength) : contentLength).append("\r\n");
        return head.append("\r\n").toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
