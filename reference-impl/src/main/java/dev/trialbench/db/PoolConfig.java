package dev.trialbench.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to open a connection pool, with the optimization report's Fix 4 values as
 * defaults. Immutable and validated on construction; {@link #toString()} masks the password.
 *
 * <p>The report sets {@code statement_timeout}, {@code lock_timeout} and
 * {@code idle_in_transaction_session_timeout} by firing three {@code SET} queries from a connect
 * hook without waiting for them, so the first query on a new connection can run before they take
 * effect (or never, if one fails). Here they travel in the connection's startup packet
 * ({@code options=-c ...}), so every connection has them before its first statement.
 *
 * <p>The report also turns certificate verification off whenever SSL is on
 * ({@code rejectUnauthorized: false}). Here SSL means {@code sslmode=verify-full} unless the user
 * explicitly asks for {@link Ssl#REQUIRE_UNVERIFIED}. An SSL mode other than {@link Ssl#FROM_URL}
 * is refused when the URL also sets {@code sslmode}, which would silently win over it. With
 * {@link Ssl#FROM_URL}, a URL may say {@code sslmode=verify-full} or {@code sslmode=disable}; one
 * that asks for SSL without verification ({@code require}, {@code verify-ca}, {@code prefer},
 * {@code allow}, or pgjdbc's {@code NonValidatingFactory}) is refused, naming the two ways out;
 * {@code ssl=true} without a mode is upgraded to {@code verify-full}; and a URL that says nothing
 * about SSL gets none ({@code disable}): pgjdbc's own default, {@code prefer}, would encrypt without
 * verifying whenever the server offers SSL (see {@link #driverSslMode()}).
 */
public record PoolConfig(
        String jdbcUrl,
        String username,
        String password,
        int maximumPoolSize,
        int minimumIdle,
        Duration idleTimeout,
        Duration connectionTimeout,
        Duration statementTimeout,
        Duration lockTimeout,
        Duration idleInTransactionSessionTimeout,
        String applicationName,
        Ssl ssl) {

    /** Report, Fix 4: {@code max: production ? 10 : 5}. trialbench measures the production value. */
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    /** Report, Fix 4: {@code min: production ? 2 : 1}. */
    public static final int DEFAULT_MINIMUM_IDLE = 2;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_APPLICATION_NAME = "trialbench";
    private static final Pattern SSLMODE_IN_URL = Pattern.compile("(?i)[?&;]sslmode=");
    private static final Pattern SSLMODE_VALUE = Pattern.compile("(?i)[?&;]sslmode=([^&;]*)");
    private static final Pattern SSL_ON = Pattern.compile("(?i)[?&;]ssl(?:=(?!false\\b)[^&;]*)?(?=[&;]|$)");
    private static final Pattern NON_VALIDATING_FACTORY = Pattern.compile("(?i)[?&;]sslfactory=[^&;]*NonValidatingFactory");

    /** How the connection treats SSL. */
    public enum Ssl {
        /** Whatever the JDBC URL says ({@code sslmode=...}); pgjdbc's own default otherwise. */
        FROM_URL,
        /** No SSL. */
        DISABLE,
        /** SSL, and the server's certificate and host name are verified ({@code verify-full}). */
        VERIFY_FULL,
        /** SSL without verifying the server: only when the user asks for it by name. */
        REQUIRE_UNVERIFIED
    }

    public PoolConfig {
        List<String> problems = new ArrayList<>();
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            problems.add("the JDBC URL must start with jdbc:postgresql: (flag --jdbc-url, variable TRIALBENCH_JDBC_URL)");
        }
        if (maximumPoolSize < 1) {
            problems.add("the pool size must be at least 1 (flag --pool-size, variable TRIALBENCH_POOL_SIZE), was " + maximumPoolSize);
        }
        if (minimumIdle < 0 || minimumIdle > maximumPoolSize) {
            problems.add("the minimum idle connections must be between 0 and the pool size " + maximumPoolSize + ", was " + minimumIdle);
        }
        requirePositive(problems, "idle timeout", idleTimeout);
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            problems.add("the connection timeout must be at least 250 ms (HikariCP's floor), was " + connectionTimeout);
        }
        requirePositive(problems, "statement timeout", statementTimeout);
        requirePositive(problems, "lock timeout", lockTimeout);
        requirePositive(problems, "idle-in-transaction timeout", idleInTransactionSessionTimeout);
        if (applicationName == null || applicationName.isBlank() || !applicationName.matches("[A-Za-z0-9_.-]{1,63}")) {
            problems.add("the application name must be 1 to 63 letters, digits, '_', '.' or '-', was '" + applicationName + "'");
        }
        Objects.requireNonNull(ssl, "ssl");
        if (ssl != Ssl.FROM_URL && jdbcUrl != null && SSLMODE_IN_URL.matcher(jdbcUrl).find()) {
            // pgjdbc lets a URL parameter win over the driver property Pool sets, so VERIFY_FULL would
            // silently become whatever the URL says (sslmode=disable included).
            problems.add("the JDBC URL sets sslmode, which would override the SSL mode " + ssl
                    + " asked for: remove sslmode from the URL, or leave SSL to the URL (" + Ssl.FROM_URL + ")");
        }
        if (jdbcUrl != null) {
            sslProblems(jdbcUrl, ssl, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid pool configuration: " + String.join("; ", problems));
        }
    }

    /** An unverified SSL connection only when the user chose {@link Ssl#REQUIRE_UNVERIFIED} by name. */
    private static void sslProblems(String jdbcUrl, Ssl ssl, List<String> problems) {
        String urlMode = urlSslMode(jdbcUrl);
        if (ssl == Ssl.FROM_URL && urlMode != null && !urlMode.equals("verify-full") && !urlMode.equals("disable")) {
            problems.add("the JDBC URL asks for sslmode=" + urlMode + ", which does not verify the server's certificate and"
                    + " host name: use sslmode=verify-full, or remove sslmode from the URL and choose the SSL mode "
                    + Ssl.REQUIRE_UNVERIFIED + " explicitly");
        }
        if (ssl != Ssl.REQUIRE_UNVERIFIED && NON_VALIDATING_FACTORY.matcher(jdbcUrl).find()) {
            problems.add("the JDBC URL sets sslfactory=...NonValidatingFactory, which turns certificate verification off:"
                    + " remove it, or choose the SSL mode " + Ssl.REQUIRE_UNVERIFIED + " explicitly");
        }
    }

    /** The URL's {@code sslmode}, lower case, or null when it sets none. */
    private static String urlSslMode(String jdbcUrl) {
        java.util.regex.Matcher matcher = SSLMODE_VALUE.matcher(jdbcUrl);
        return matcher.find() ? matcher.group(1).strip().toLowerCase(java.util.Locale.ROOT) : null;
    }

    /**
     * The {@code sslmode} driver property the pool sets, or null when the URL's own (verify-full or
     * disable, nothing else passes validation) stands: the chosen mode, or for {@link Ssl#FROM_URL}
     * without an sslmode, verify-full when the URL says {@code ssl=true} and disable otherwise.
     */
    public String driverSslMode() {
        return switch (ssl) {
            case DISABLE -> "disable";
            case VERIFY_FULL -> "verify-full";
            case REQUIRE_UNVERIFIED -> "require";
            case FROM_URL -> urlSslMode(jdbcUrl) != null ? null : SSL_ON.matcher(jdbcUrl).find() ? "verify-full" : "disable";
        };
    }

    private static void requirePositive(List<String> problems, String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add("the " + what + " must be positive, was " + value);
        }
    }

    /** The report's Fix 4 settings for the given server. */
    public static PoolConfig defaults(String jdbcUrl, String username, String password) {
        return new PoolConfig(jdbcUrl, username, password,
                DEFAULT_MAXIMUM_POOL_SIZE, DEFAULT_MINIMUM_IDLE,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_TIMEOUT, DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT,
                DEFAULT_APPLICATION_NAME, Ssl.FROM_URL);
    }

    public PoolConfig withMaximumPoolSize(int size) {
        return new PoolConfig(jdbcUrl, username, password, size, Math.min(minimumIdle, size),
                idleTimeout, connectionTimeout, statementTimeout, lockTimeout,
                idleInTransactionSessionTimeout, applicationName, ssl);
    }

    public PoolConfig withApplicationName(String name) {
        return new PoolConfig(jdbcUrl, username, password, maximumPoolSize, minimumIdle,
                idleTimeout, connectionTimeout, statementTimeout, lockTimeout,
                idleInTransactionSessionTimeout, name, ssl);
    }

    public PoolConfig withSsl(Ssl mode) {
        return new PoolConfig(jdbcUrl, username, password, maximumPoolSize, minimumIdle,
                idleTimeout, connectionTimeout, statementTimeout, lockTimeout,
                idleInTransactionSessionTimeout, applicationName, mode);
    }

    public PoolConfig withTimeouts(Duration statement, Duration lock, Duration idleInTransaction) {
        return new PoolConfig(jdbcUrl, username, password, maximumPoolSize, minimumIdle,
                idleTimeout, connectionTimeout, statement, lock, idleInTransaction, applicationName, ssl);
    }

    public PoolConfig withConnectionTimeout(Duration timeout) {
        return new PoolConfig(jdbcUrl, username, password, maximumPoolSize, minimumIdle,
                idleTimeout, timeout, statementTimeout, lockTimeout,
                idleInTransactionSessionTimeout, applicationName, ssl);
    }

    /** The pgjdbc {@code options} value that sets the session timeouts at connection start. */
    public String sessionOptions() {
        return "-c statement_timeout=" + statementTimeout.toMillis()
                + " -c lock_timeout=" + lockTimeout.toMillis()
                + " -c idle_in_transaction_session_timeout=" + idleInTransactionSessionTimeout.toMillis();
    }

    @Override
    public String toString() {
        return "PoolConfig[url=" + JdbcUrls.mask(jdbcUrl) + ", user=" + username
                + ", password=" + (password == null || password.isEmpty() ? "(none)" : "****")
                + ", maximumPoolSize=" + maximumPoolSize + ", minimumIdle=" + minimumIdle
                + ", idleTimeout=" + idleTimeout + ", connectionTimeout=" + connectionTimeout
                + ", statementTimeout=" + statementTimeout + ", lockTimeout=" + lockTimeout
                + ", idleInTransactionSessionTimeout=" + idleInTransactionSessionTimeout
                + ", applicationName=" + applicationName + ", ssl=" + ssl + "]";
    }
}
