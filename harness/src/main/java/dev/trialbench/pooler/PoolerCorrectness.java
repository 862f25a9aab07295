package dev.trialbench.pooler;

import dev.trialbench.db.PoolConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What breaks when Fix 4's pool and pgjdbc's defaults meet pgBouncer 1.18 in transaction mode, found
 * by trying it on a real server through a real pgBouncer (each probe starts one of its own, with one
 * server connection, so that two clients must share it):
 * <ul>
 *   <li>Fix 4's pool carries its timeouts in the startup packet ({@code options=-c statement_timeout=...}):
 *       a strict pgBouncer refuses the connection; one told to ignore {@code options} accepts it and
 *       drops the timeouts silently; a {@code connect_query} on the pooler puts them back.</li>
 *   <li>pgjdbc switches a statement to a named server-side prepared statement at its fifth
 *       execution ({@code prepareThreshold=5}); a named statement lives on one server connection,
 *       which transaction pooling hands to another client: {@code prepareThreshold=0} keeps to the
 *       unnamed statement and works.</li>
 *   <li>A session {@code SET} by one client is seen by the next client of the same server connection.</li>
 * </ul>
 * Records SQLStates, server messages (they name statements and parameters, never values) and
 * settings; never timings. Stateless; each call is independent.
 */
public final class PoolerCorrectness {

    /** Executions of each statement per client: past pgjdbc's default threshold of 5. */
    public static final int EXECUTIONS = 12;
    private static final String LEAK_VALUE = "4321ms";

    private PoolerCorrectness() {
    }

    /** One attempt: whether it worked and, if not, the SQLState and the server's message. */
    public record Outcome(boolean worked, String sqlState, String message, String shown) {

        static Outcome worked(String shown) {
            return new Outcome(true, null, null, shown);
        }

        static Outcome failed(SQLException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return new Outcome(false, e.getSQLState(), message, null);
        }
    }

    /**
     * The findings: {@code fix4PoolStrict} Fix 4's pool through a strict pooler; {@code fix4PoolOptionsIgnored}
     * through one ignoring {@code options} ({@code shown}: the session's statement_timeout);
     * {@code fix4PoolConnectQuery} the same with Fix 4's timeouts in {@code connect_query};
     * {@code preparedDefault} and {@code preparedThresholdZero} two clients alternating prepared
     * statements on one server connection; {@code sessionSetLeak} what a second client's
     * {@code SHOW statement_timeout} says after the first one's {@code SET} ({@code shown}).
     */
    public record Findings(String pgbouncerVersion, String fix4StatementTimeout, Outcome fix4PoolStrict,
                           Outcome fix4PoolOptionsIgnored, Outcome fix4PoolConnectQuery, Outcome preparedDefault,
                           Outcome preparedThresholdZero, Outcome sessionSetLeak, String leakedValue) {
    }

    /**
     * Runs every probe against {@code database} on the server of {@code server} (its URL, user and
     * password), with pgBouncer folders under {@code folder}.
     */
    public static Findings probe(PoolConfig server, String database, Path folder) {
        PgBouncerSettings strict = PgBouncerSettings.transactionPooling(server.jdbcUrl(), server.username(),
                server.password(), 1);
        PoolConfig fix4 = PoolConfig.defaults(server.jdbcUrl(), server.username(), server.password());
        String connectQuery = PgBouncerSettings.fix4ConnectQuery(fix4.statementTimeout().toMillis(),
                fix4.lockTimeout().toMillis(), fix4.idleInTransactionSessionTimeout().toMillis());
        Outcome fix4Strict;
        Outcome preparedDefault;
        Outcome preparedZero;
        Outcome leak;
        String version;
        try (PgBouncer pooler = PgBouncer.start(strict, folder)) {
            version = pooler.version();
            fix4Strict = showStatementTimeout(pooler.jdbcUrl(database, null), server.username(), fix4.sessionOptions());
            preparedDefault = alternatePrepared(pooler.jdbcUrl(database, null), server.username());
            preparedZero = alternatePrepared(pooler.jdbcUrl(database, "prepareThreshold=0"), server.username());
            leak = sessionSetLeak(pooler.jdbcUrl(database, "prepareThreshold=0"), server.username());
        }
        Outcome ignored;
        try (PgBouncer pooler = PgBouncer.start(strict.ignoringOptions(), folder)) {
            ignored = showStatementTimeout(pooler.jdbcUrl(database, null), server.username(), fix4.sessionOptions());
        }
        Outcome restored;
        try (PgBouncer pooler = PgBouncer.start(strict.ignoringOptions().withConnectQuery(connectQuery), folder)) {
            restored = showStatementTimeout(pooler.jdbcUrl(database, null), server.username(), fix4.sessionOptions());
        }
        String fix4Timeout = fix4.statementTimeout().toSeconds() + "s";
        return new Findings(version, fix4Timeout, fix4Strict, ignored, restored, preparedDefault, preparedZero, leak,
                LEAK_VALUE);
    }

    /**
     * Whether a pgBouncer of this {@code --version} line predates protocol-level prepared statements
     * (1.21; Debian 12's is 1.18): there, pgjdbc's named statements break under transaction pooling.
     */
    public static boolean lacksProtocolPreparedStatements(String version) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        if (!matcher.find()) {
            return true;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major < 1 || (major == 1 && minor < 21);
    }

    private static Properties client(String user, String options) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("ApplicationName", "trialbench-pooler-probe");
        properties.setProperty("logServerErrorDetail", "false");
        if (options != null) {
            properties.setProperty("options", options);
        }
        return properties;
    }

    /** A connection carrying Fix 4's startup options; what its session's statement_timeout is. */
    private static Outcome showStatementTimeout(String url, String user, String options) {
        try (Connection connection = DriverManager.getConnection(url, client(user, options));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
            rows.next();
            return Outcome.worked(rows.getString(1));
        } catch (SQLException e) {
            return Outcome.failed(e);
        }
    }

    /**
     * Two clients, each executing two statements {@value #EXECUTIONS} times, interleaved, each
     * execution its own transaction (autocommit): with one server connection they share it.
     */
    private static Outcome alternatePrepared(String url, String user) {
        try (Connection first = DriverManager.getConnection(url, client(user, null));
             Connection second = DriverManager.getConnection(url, client(user, null));
             PreparedStatement firstSum = first.prepareStatement("SELECT ?::int + 1");
             PreparedStatement firstText = first.prepareStatement("SELECT ?::text || 'x'");
             PreparedStatement secondSum = second.prepareStatement("SELECT ?::int + 1");
             PreparedStatement secondText = second.prepareStatement("SELECT ?::text || 'x'")) {
            int executed = 0;
            for (int i = 0; i < EXECUTIONS; i++) {
                for (PreparedStatement sum : new PreparedStatement[] {firstSum, secondSum}) {
                    sum.setInt(1, i);
                    try (ResultSet rows = sum.executeQuery()) {
                        rows.next();
                    }
                    executed++;
                }
                for (PreparedStatement text : new PreparedStatement[] {secondText, firstText}) {
                    text.setString(1, "a");
                    try (ResultSet rows = text.executeQuery()) {
                        rows.next();
                    }
                    executed++;
                }
            }
            return Outcome.worked(executed + " executions");
        } catch (SQLException e) {
            return Outcome.failed(e);
        }
    }

    /** One client sets a session setting; another, on the same server connection, shows it. */
    private static Outcome sessionSetLeak(String url, String user) {
        try (Connection first = DriverManager.getConnection(url, client(user, null));
             Connection second = DriverManager.getConnection(url, client(user, null))) {
            try (Statement statement = first.createStatement()) {
                statement.execute("SET statement_timeout = '" + LEAK_VALUE + "'");
            }
            try (Statement statement = second.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
                rows.next();
                return Outcome.worked(rows.getString(1));
            }
        } catch (SQLException e) {
            return Outcome.failed(e);
        }
    }
}
