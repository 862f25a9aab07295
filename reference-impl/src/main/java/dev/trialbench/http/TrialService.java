package dev.trialbench.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.listing.ReportListing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The reference implementation over HTTP, on the JDK's own server, for load tests and for anyone
 * who wants to point their own tools at it. JSON in and out:
 * <ul>
 *   <li>{@code POST /activations/naive}, {@code POST /activations/batched}: 201 activated, 403 denied,
 *       404 unknown user, 400 malformed, 413 body over 16 KiB, 415 not {@code application/json};</li>
 *   <li>{@code GET /users/{userId}/reports?limit=50}: 200, 400 for a malformed id or limit;</li>
 *   <li>{@code GET /health}: 200 when {@code SELECT 1} succeeds, 503 otherwise.</li>
 * </ul>
 * Any route answers 503 with {@code Retry-After: 1} when the pool has no connection to give within
 * its connection timeout, or when the request waited longer than that for a worker thread
 * ({@link QueueDeadline}: load shedding, so an overloaded service answers quickly instead of queueing
 * without bound), 500 for other failures, 405 for a method it does not take. Requests run
 * on a fixed number of worker threads; the rest wait in the executor's queue, so under an open
 * load model a saturated service shows as latency (and as 503s once the pool's timeout passes).
 * The caller owns the pool: closing the service does not close it. Thread-safe.
 */
public final class TrialService implements AutoCloseable {

    /**
     * The JDK's server leaves Nagle's algorithm on unless told otherwise; then a response written in
     * two parts (headers, body) on a kept-alive connection waits for the client's delayed ACK, about
     * 40 ms on Linux, whatever the route costs (measured: a 10 ms listing took 50 ms on the second
     * request of a connection). Read once, when the JDK's server configuration loads.
     */
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicLong requests;

    private TrialService(HttpServer server, ExecutorService workers, AtomicLong requests) {
        this.server = server;
        this.workers = workers;
        this.requests = requests;
    }

    /** Binds, starts and returns the service; fails with a message naming the address if it cannot bind. */
    public static TrialService start(DataSource dataSource, ServiceConfig config) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + config.bindAddress() + ":" + config.port() + " ("
                    + e.getMessage() + "); choose another port (--port) or address (--bind)", e);
        }
        Jdbi jdbi = Jdbis.create(dataSource);
        AtomicLong requests = new AtomicLong();
        Filter counter = new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                requests.incrementAndGet();
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "counts requests";
            }
        };
        server.createContext("/activations/naive", new ActivationRoute(new NaiveActivation(jdbi))).getFilters().add(counter);
        server.createContext("/activations/batched", new ActivationRoute(new BatchedActivation(jdbi))).getFilters()
                .add(counter);
        server.createContext("/users/", new ReportsRoute(new ReportListing(jdbi))).getFilters().add(counter);
        server.createContext("/health", new HealthRoute(dataSource)).getFilters().add(counter);
        server.createContext("/", new NotFound()).getFilters().add(counter);
        ExecutorService workers = Executors.newFixedThreadPool(config.workerThreads(), workerThreads());
        server.setExecutor(new QueueDeadline(workers, queueBudget(dataSource)));
        server.start();
        return new TrialService(server, workers, requests);
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
        return server.getAddress().getPort();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Stops accepting, drops exchanges still open, and waits briefly for the workers. */
    @Override
    public void close() {
        server.stop(0);
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

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "trialbench-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Every path no other route owns. */
    private static final class NotFound extends Route {
        NotFound() {
            super("(unknown)", Pattern.compile("(?!)"), Set.of());
        }

        @Override
        Response serve(HttpExchange exchange, Matcher path) {
            return Response.error(404, "not found");
        }
    }
}
