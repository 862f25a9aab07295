package dev.trialbench.pooler;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What one pgBouncer is started with: the server it pools for, the pool mode and sizes, and the two
 * settings that decide whether Fix 4's pool works through it at all. Immutable, validated on
 * construction; {@link #toString()} masks the password, and {@link #ini} is the only place it is
 * written (into the configuration file, readable by pgBouncer's user only).
 *
 * <p>Authentication is kept as simple as the server allows: clients connect on 127.0.0.1 with
 * {@code auth_type = trust} (the pooler lives for one run, on loopback), and pgBouncer logs into the
 * server as one forced user, with that user's password when the server wants one. A server that
 * trusts loopback (the embedded and the container server) needs no password at all.
 *
 * <p>{@link #ignoreStartupParameters}: pgjdbc always sends {@code extra_float_digits}, and Fix 4's
 * pool sends {@code options=-c statement_timeout=...}; pgBouncer 1.18 refuses a client whose startup
 * packet has a parameter it does not know ("unsupported startup parameter: options", 08P01) unless
 * the parameter is listed here, and then drops it. {@link #connectQuery} runs on every server
 * connection pgBouncer opens: the place to put Fix 4's timeouts back.
 */
public record PgBouncerSettings(
        String serverHost,
        int serverPort,
        String serverUser,
        String serverPassword,
        PoolMode poolMode,
        int defaultPoolSize,
        int maxClientConnections,
        List<String> ignoreStartupParameters,
        String connectQuery) {

    /** pgBouncer's three pool modes; trialbench measures {@link #TRANSACTION}, the one that saves connections. */
    public enum PoolMode {
        SESSION, TRANSACTION, STATEMENT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What pgjdbc sends in every startup packet and pgBouncer must be told to accept. */
    public static final String PGJDBC_PARAMETER = "extra_float_digits";
    /** The startup parameter Fix 4's pool carries its timeouts in. */
    public static final String OPTIONS_PARAMETER = "options";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:-]{1,253}");

    public PgBouncerSettings {
        List<String> problems = new ArrayList<>();
        if (serverHost == null || !HOST.matcher(serverHost).matches()) {
            problems.add("the server host must be a host name or address, was '" + serverHost + "'");
        }
        if (serverPort < 1 || serverPort > 65535) {
            problems.add("the server port must be 1..65535, was " + serverPort);
        }
        if (serverUser == null || !NAME.matcher(serverUser).matches()) {
            problems.add("the server user must be 1 to 63 letters, digits, '_', '.' or '-' (pgBouncer's configuration"
                    + " cannot quote others here), was '" + serverUser + "'");
        }
        serverPassword = serverPassword == null ? "" : serverPassword;
        if (serverPassword.indexOf('\'') >= 0 || serverPassword.indexOf('\n') >= 0 || serverPassword.indexOf('\r') >= 0
                || serverPassword.indexOf('\\') >= 0) {
            problems.add("the server password holds a quote, a backslash or a line break, which pgBouncer's"
                    + " configuration file cannot carry here; use a password without them for the pooler run");
        }
        java.util.Objects.requireNonNull(poolMode, "poolMode");
        if (defaultPoolSize < 1) {
            problems.add("the pooler's default_pool_size must be at least 1, was " + defaultPoolSize);
        }
        if (maxClientConnections < 1) {
            problems.add("the pooler's max_client_conn must be at least 1, was " + maxClientConnections);
        }
        ignoreStartupParameters = List.copyOf(ignoreStartupParameters);
        for (String parameter : ignoreStartupParameters) {
            if (!NAME.matcher(parameter).matches()) {
                problems.add("a startup parameter to ignore must be a plain name, was '" + parameter + "'");
            }
        }
        if (connectQuery != null && (connectQuery.indexOf('\'') >= 0 || connectQuery.indexOf('\n') >= 0)) {
            problems.add("the connect query must not hold a quote or a line break");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid pgBouncer settings: " + String.join("; ", problems));
        }
    }

    /**
     * Transaction pooling in front of the server of {@code jdbcUrl} (host and port as pgjdbc reads
     * them), pgjdbc's parameter accepted, nothing else: the strict configuration.
     */
    public static PgBouncerSettings transactionPooling(String jdbcUrl, String user, String password, int poolSize) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: the pooler needs the server's host and port");
        }
        String host = parsed.getProperty("PGHOST", "localhost");
        if (host.contains(",")) {
            throw new IllegalArgumentException("The JDBC URL names several hosts; the pooler fronts one server");
        }
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432"));
        return new PgBouncerSettings(host, port, user, password, PoolMode.TRANSACTION, poolSize, 1000,
                List.of(PGJDBC_PARAMETER), null);
    }

    /** The same settings, pgBouncer dropping Fix 4's {@code options} instead of refusing the client. */
    public PgBouncerSettings ignoringOptions() {
        List<String> ignored = new ArrayList<>(ignoreStartupParameters);
        if (!ignored.contains(OPTIONS_PARAMETER)) {
            ignored.add(OPTIONS_PARAMETER);
        }
        return new PgBouncerSettings(serverHost, serverPort, serverUser, serverPassword, poolMode, defaultPoolSize,
                maxClientConnections, ignored, connectQuery);
    }

    /** The same settings with {@code query} run on every new server connection. */
    public PgBouncerSettings withConnectQuery(String query) {
        return new PgBouncerSettings(serverHost, serverPort, serverUser, serverPassword, poolMode, defaultPoolSize,
                maxClientConnections, ignoreStartupParameters, query);
    }

    /** The same settings with {@code size} server connections per database and user. */
    public PgBouncerSettings withDefaultPoolSize(int size) {
        return new PgBouncerSettings(serverHost, serverPort, serverUser, serverPassword, poolMode, size,
                maxClientConnections, ignoreStartupParameters, connectQuery);
    }

    /**
     * Fix 4's three timeouts as one statement for {@link #withConnectQuery}: what the report's
     * connect hook sets, sent by pgBouncer on every server connection it opens.
     */
    public static String fix4ConnectQuery(long statementTimeoutMillis, long lockTimeoutMillis, long idleInTransactionMillis) {
        return "SET statement_timeout = " + statementTimeoutMillis + "; SET lock_timeout = " + lockTimeoutMillis
                + "; SET idle_in_transaction_session_timeout = " + idleInTransactionMillis;
    }

    /**
     * The user list pgBouncer's trust authentication admits: the server user, with no password
     * (trust does not check one; the server's password is in the {@code [databases]} line).
     */
    public String authFile() {
        return "\"" + serverUser + "\" \"\"\n";
    }

    /** The configuration file's text for a pooler listening on 127.0.0.1:{@code listenPort}. */
    public String ini(int listenPort, java.nio.file.Path authFile) {
        StringBuilder database = new StringBuilder("* = host=").append(serverHost).append(" port=").append(serverPort)
                .append(" user=").append(serverUser);
        if (!serverPassword.isEmpty()) {
            database.append(" password='").append(serverPassword).append('\'');
        }
        if (connectQuery != null) {
            database.append(" connect_query='").append(connectQuery).append('\'');
        }
        return "; written by trialbench for one run; removed with the run's temporary folder\n"
                + "[databases]\n"
                + database + "\n"
                + "\n[pgbouncer]\n"
                + "listen_addr = 127.0.0.1\n"
                + "listen_port = " + listenPort + "\n"
                + "unix_socket_dir =\n"
                + "auth_type = trust\n"
                + "auth_file = " + authFile + "\n"
                + "pool_mode = " + poolMode.label() + "\n"
                + "default_pool_size = " + defaultPoolSize + "\n"
                + "max_client_conn = " + maxClientConnections + "\n"
                + "ignore_startup_parameters = " + String.join(",", ignoreStartupParameters) + "\n"
                + "server_reset_query_always = 0\n"
                + "log_connections = 0\n"
                + "log_disconnections = 0\n";
    }

    @Override
    public String toString() {
        return "PgBouncerSettings[server=" + serverHost + ":" + serverPort + ", user=" + serverUser
                + ", password=" + (serverPassword.isEmpty() ? "(none)" : "****") + ", pool_mode=" + poolMode.label()
                + ", default_pool_size=" + defaultPoolSize + ", max_client_conn=" + maxClientConnections
                + ", ignore_startup_parameters=" + ignoreStartupParameters + ", connect_query="
                + (connectQuery == null ? "(none)" : connectQuery) + "]";
    }
}
