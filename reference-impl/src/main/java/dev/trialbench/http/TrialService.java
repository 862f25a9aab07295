package dev.trialbench.http;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.listing.ReportListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.Jdbi;

/**
 * The reference implementation over HTTP, on Jetty 12's core handler API (no servlets), for load
 * tests and for anyone who wants to point their own tools at it. JSON in and out:
 * <ul>
 *   <li>{@code POST /activations/naive}, {@code POST /activations/batched}: 201 activated, 403 denied,
 *       404 unknown user, 400 malformed, 413 body over 16 KiB, 415 not {@code application/json};</li>
 *   <li>{@code GET /users/{userId}/reports?limit=50}: 200, 400 for a malformed id or limit;</li>
 *   <li>{@code GET /health}: 200 when {@code SELECT 1} succeeds, 503 otherwise.</li>
 * </ul>
 * Any route answers 503 with {@code Retry-After: 1} when the pool has no connection to give within
 * its connection timeout, or when the request waited longer than that for a worker thread
 * ({@link QueueDeadline}: load shedding, so an overloaded service answers quickly instead of queueing
 * without bound), 500 for other failures, 405 for a method it does not take. Jetty's selector reads
 * and parses; the routes run on a fixed number of worker threads (they block on the pool and the
 * database), the rest wait in the executor's queue, so under an open load model a saturated service
 * shows as latency (and as 503s once the pool's timeout passes). Requests Jetty itself refuses
 * (a malformed request line, headers over 8 KiB, an ambiguous path) get its own 4xx.
 *
 * <p>Jetty replaced the JDK's built-in server (issue 15): under load a profile of that server showed
 * its one dispatcher thread and the lock its exchanges share as the service's ceiling, below 0.6x of
 * pgbench on the same transaction.
 *
 * <p>The caller owns the pool: closing the service does not close it. Thread-safe.
 */
public final class TrialService implements AutoCloseable {

    /** The HTTP server the service runs on, as a run's {@code load.json} records it. */
    public static final String SERVER = "Jetty " + org.eclipse.jetty.util.Jetty.VERSION + " (core handlers)";

    /** Jetty's own threads: one acceptor, one selector, and what its reserved-thread executor keeps. */
    private static final int JETTY_THREADS = 8;

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService workers;
    private final AtomicLong requests;

    private TrialService(Server server, ServerConnector connector, ExecutorService workers, AtomicLong requests) {
        this.server = server;
        this.connector = connector;
        this.workers = workers;
        this.requests = requests;
    }

    /** Binds, starts and returns the service; fails with a message naming the address if it cannot bind. */
    public static TrialService start(DataSource dataSource, ServiceConfig config) {
        Jdbi jdbi = Jdbis.create(dataSource);
        List<Route> routes = List.of(
                new ActivationRoute(new NaiveActivation(jdbi)),
                new ActivationRoute(new BatchedActivation(jdbi)),
                new ReportsRoute(new ReportListing(jdbi)),
                new HealthRoute(dataSource));
        ExecutorService workers = Executors.newFixedThreadPool(config.workerThreads(), workerThreads());
        AtomicLong requests = new AtomicLong();

        QueuedThreadPool jettyThreads = new QueuedThreadPool(JETTY_THREADS, 2);
        jettyThreads.setName("trialbench-jetty");
        jettyThreads.setDaemon(true);
        Server server = new Server(jettyThreads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setAcceptedTcpNoDelay(true);
        server.addConnector(connector);
        server.setHandler(new Dispatch(routes, new QueueDeadline(workers, queueBudget(dataSource)), requests));
        server.setErrorHandler(new JsonErrors());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            workers.shutdownNow();
            throw new UncheckedIOException("Could not listen on " + config.bindAddress() + ":" + config.port() + " ("
                    + e.getMessage() + "); choose another port (--port) or address (--bind)",
                    e instanceof IOException io ? io : new IOException(e));
        }
        return new TrialService(server, connector, workers, requests);
    }

    /**
     * How long a request may wait for a worker before it is answered 503: the pool's connection
     * timeout (a HikariCP pool's own), or the Fix 4 default for another DataSource.
     */
    static Duration queueBudget(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return Duration.ofMillis(hikari.getConnectionTimeout());
        }
        return PoolConfig.DEFAULT_CONNECTION_TIMEOUT;
    }

    /** Requests received since the start, on any route (a load run uses it to see its first arrival). */
    public long requestsReceived() {
        return requests.get();
    }

    /** The port the service listens on (the one chosen by the system when the config said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Whether responses go out without Nagle's delay: with it, a response written in two parts on a
     * kept-alive connection waited for the client's delayed ACK, about 40 ms on Linux (measured on the
     * JDK's server: a 10 ms listing took 50 ms on the second request of a connection).
     */
    boolean sendsWithoutDelay() {
        return connector.getAcceptedTcpNoDelay();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Stops accepting, drops exchanges still open, and waits briefly for the workers. */
    @Override
    public void close() {
        stopQuietly(server);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping a server that did not start, or whose connections are already gone: nothing to free.
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "trialbench-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Jetty's one handler: counts the request, picks its route by path, and hands it to a worker; it
     * never blocks a Jetty thread.
     */
    private static final class Dispatch extends Handler.Abstract.NonBlocking {

        private final List<Route> routes;
        private final Route notFound = new NotFound();
        private final QueueDeadline workers;
        private final AtomicLong requests;

        Dispatch(List<Route> routes, QueueDeadline workers, AtomicLong requests) {
            this.routes = routes;
            this.workers = workers;
            this.requests = requests;
        }

        @Override
        public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
            requests.incrementAndGet();
            JettyIncoming incoming = new JettyIncoming(request);
            Route route = routes.stream().filter(candidate -> candidate.owns(incoming.path())).findFirst().orElse(notFound);
            try {
                workers.execute(() -> {
                    try {
                        answer(route, incoming, response, callback);
                    } catch (RuntimeException | Error e) {
                        // Never leave Jetty waiting on a callback: the connection would hang until its idle timeout.
                        callback.failed(e);
                        throw e;
                    }
                });
            } catch (RejectedExecutionException e) {
                // The service is closing.
                callback.failed(e);
            }
            return true;
        }

        private static void answer(Route route, JettyIncoming request, org.eclipse.jetty.server.Response response,
                                   Callback callback) {
            Response answer = route.respond(request);
            byte[] body = Route.body(answer);
            response.setStatus(answer.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                headers.put(header.getKey(), header.getValue());
            }
            headers.put(HttpHeader.CONTENT_LENGTH, body.length);
            if (answer.status() != 413) {
                response.write(true, ByteBuffer.wrap(body), Callback.from(callback::succeeded, failure -> {
                    route.notSent(request.method(), failure);
                    callback.failed(failure);
                }));
                return;
            }
            // Answer first, then read (and drop) the rest: closing a connection with unread input resets
            // it, and the reset can destroy the 413 before the client has read it; reading before
            // answering would keep the answer from a client whose Content-Length promises more than it
            // sends (it waits for the answer, the service for the bytes).
            FutureCallback sent = new FutureCallback();
            response.write(true, ByteBuffer.wrap(body), sent);
            try {
                sent.get(10, TimeUnit.SECONDS);
                RequestBody.discardRest(request.body());
                callback.succeeded();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                route.notSent(request.method(), e);
                callback.failed(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                callback.failed(e);
            }
        }
    }

    /** Jetty's request as a route reads it; the body stream is opened once. */
    private static final class JettyIncoming implements Incoming {

        private final Request request;
        private final String path;
        private InputStream body;

        JettyIncoming(Request request) {
            this.request = request;
            // As sent, not decoded or normalized: "/activations/naive;x", "/a/../activations/naive" and
            // "%6Eaive" name no route, and a percent-encoded user id is not a UUID.
            this.path = request.getHttpURI().getPath();
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String rawQuery() {
            return request.getHttpURI().getQuery();
        }

        @Override
        public String header(String name) {
            HttpField field = request.getHeaders().getField(name);
            return field == null ? null : field.getValue();
        }

        @Override
        public InputStream body() {
            if (body == null) {
                body = Content.Source.asInputStream(request);
            }
            return body;
        }
    }

    /**
     * Jetty's answer to a request it refused before any route saw it (a malformed request line or
     * header, an ambiguous or suspicious path, headers over 8 KiB): the status's reason as JSON, like
     * every other error of the service, and never Jetty's own message, which may quote the request.
     */
    private static final class JsonErrors implements Request.Handler {
        @Override
        public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
            int status = response.getStatus();
            byte[] body = Route.body(Response.error(status, HttpStatus.getMessage(status)
                    + ": the HTTP server refused the request before any route read it"));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }

    /** Every path no other route owns. */
    private static final class NotFound extends Route {
        NotFound() {
            super("(unknown)", Pattern.compile("(?!)"), Set.of());
        }

        @Override
        Response serve(Incoming request, Matcher path) {
            return Response.error(404, "not found");
        }
    }
}
