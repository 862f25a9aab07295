package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.PoolConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Evidence for the optimization report's "No query timeout protection" (before) against Fix 4's
 * "30-second query timeout protection" (after): one statement that runs longer than the timeout
 * ({@code pg_sleep} for {@value #OVERRUN} times the timeout) is sent on two pools:
 * <ul>
 *   <li>the <b>after</b> pool: Fix 4's settings ({@link PoolConfig#defaults}), with only
 *       {@code statement_timeout} shortened to {@link #SHORT_TIMEOUT} so that the experiment does not
 *       wait 30 s; the server cancels the statement with SQLState 57014;</li>
 *   <li>the <b>before</b> pool: a connection opened as the report found it, without Fix 4's session
 *       settings, which keeps the server's own {@code statement_timeout} (0, no limit, unless the
 *       server or role sets one): the same statement runs to its end.</li>
 * </ul>
 * Each case records the {@code statement_timeout} its session reports ({@code SHOW}), so a server
 * that sets a limit of its own is visible. Also recorded: the value an unshortened Fix 4 session
 * reports ({@code 30s}). Not thread-safe: one run at a time.
 *
 * @param fix4StatementTimeout what {@code SHOW statement_timeout} says on a pool with Fix 4's defaults
 * @param cases                the after pool's case, then the before pool's
 */
public record QueryTimeout(String fix4StatementTimeout, List<QueryTimeout.Case> cases) {

    /** The statement sleeps this many times the shortened timeout. */
    public static final int OVERRUN = 3;
    public static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
    static final String CANCELLED = "57014";
    /** Runs past the timeout on purpose; the one statement of this experiment. */
    static final String SLOW_STATEMENT = "/* trialbench SLOW_STATEMENT */ SELECT pg_sleep(?)";
    private static final String SHOW_TIMEOUT = "SHOW statement_timeout";

    /**
     * One pool, one slow statement.
     *
     * @param pool             {@code after} (Fix 4's settings, shortened timeout) or {@code before} (none)
     * @param statementTimeout {@code SHOW statement_timeout} in that session ({@code 0} means no limit)
     * @param statementMillis  how long the statement would run if nothing stopped it
     * @param ranToEnd         it returned its row
     * @param sqlState         the SQLState it failed with, or null
     * @param cancelledByTimeout it failed with 57014 and a message that names the statement timeout
     * @param elapsedMillis    wall time until it returned or failed (shown, never asserted)
     */
    public record Case(String pool, String statementTimeout, long statementMillis, boolean ranToEnd, String sqlState,
                       boolean cancelledByTimeout, long elapsedMillis) {
    }

    public QueryTimeout {
        cases = List.copyOf(cases);
    }

    public static QueryTimeout run(PoolConfig base) {
        long statementMillis = SHORT_TIMEOUT.toMillis() * OVERRUN;
        String fix4;
        Case after;
        try (HikariDataSource defaults = Experiments.pool(base, "trialbench-faults-timeout-fix4", 1);
             Connection connection = defaults.getConnection()) {
            fix4 = show(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read statement_timeout on a Fix 4 pool: " + e.getMessage(), e);
        }
        PoolConfig shortened = base.withTimeouts(SHORT_TIMEOUT, base.lockTimeout(), base.idleInTransactionSessionTimeout());
        try (HikariDataSource pool = Experiments.pool(shortened, "trialbench-faults-timeout-after", 1);
             Connection connection = pool.getConnection()) {
            after = slowStatement("after", connection, statementMillis);
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the Fix 4 pool: " + e.getMessage(), e);
        }
        Case before;
        try (Connection connection = withoutFix4(base, "trialbench-faults-timeout-before")) {
            before = slowStatement("before", connection, statementMillis);
        } catch (SQLException e) {
            throw new IllegalStateException("could not open a connection without Fix 4's settings: " + e.getMessage(), e);
        }
        return new QueryTimeout(fix4, List.of(after, before));
    }

    /** The after pool's case, or null. */
    public Case after() {
        return cases.stream().filter(item -> item.pool().equals("after")).findFirst().orElse(null);
    }

    /** The before pool's case, or null. */
    public Case before() {
        return cases.stream().filter(item -> item.pool().equals("before")).findFirst().orElse(null);
    }

    private static Case slowStatement(String label, Connection connection, long statementMillis) throws SQLException {
        String setting = show(connection);
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(SLOW_STATEMENT)) {
            statement.setDouble(1, statementMillis / 1000.0);
            try (ResultSet row = statement.executeQuery()) {
                boolean returned = row.next();
                return new Case(label, setting, statementMillis, returned, null, false, Experiments.millisSince(start));
            }
        } catch (SQLException e) {
            boolean byTimeout = CANCELLED.equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("statement timeout");
            return new Case(label, setting, statementMillis, false, e.getSQLState(), byTimeout,
                    Experiments.millisSince(start));
        }
    }

    private static String show(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(SHOW_TIMEOUT)) {
            row.next();
            return row.getString(1);
        }
    }

    /**
     * A connection as the report's "before" code opens one: same server, user and SSL mode as the
     * pool, none of Fix 4's session settings.
     */
    static Connection withoutFix4(PoolConfig base, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", base.username());
        if (base.password() != null && !base.password().isEmpty()) {
            properties.setProperty("password", base.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("logServerErrorDetail", "false");
        String sslMode = base.driverSslMode();
        if (sslMode != null) {
            properties.setProperty("sslmode", sslMode);
        }
        return DriverManager.getConnection(base.jdbcUrl(), properties);
    }
}
