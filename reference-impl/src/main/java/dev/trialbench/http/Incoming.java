package dev.trialbench.http;

import java.io.InputStream;

/**
 * What a route reads of a request: its method, path, raw query, headers and body. Keeps the
 * routes apart from the server that carries them ({@link TrialService} adapts Jetty's request).
 * Not thread-safe: one request, one worker.
 */
interface Incoming {

    String method();

    /** The path as sent (not decoded, not normalized), without the query: {@code /users/…/reports}. */
    String path();

    /** The query as sent (still percent-encoded), or null when there is none. */
    String rawQuery();

    /** The first value of a header, or null. */
    String header(String name);

    /** The body, read as it arrives; reads fail with an {@link java.io.IOException} when it is broken. */
    InputStream body();
}
