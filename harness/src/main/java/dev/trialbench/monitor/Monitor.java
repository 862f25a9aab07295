package dev.trialbench.monitor;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads what PostgreSQL knows about the workload and the schema of one database: statement
 * statistics, index usage and health, cache hit ratios, connections, sizes and plans. Every method
 * returns immutable records; nothing here changes data (only {@link #ensureStatementStatistics()}
 * and {@link #resetStatementStatistics()} change server state, by request).
 *
 * <p>Why not the optimization report's Fix 6 ({@code DatabasePerformanceMonitor}):
 * <ul>
 *   <li>{@code analyzeSlowQueries} reads {@code total_time}, {@code mean_time}, {@code max_time} and
 *       {@code stddev_time}, which PostgreSQL 13 renamed to {@code *_exec_time} (planning time moved
 *       to {@code *_plan_time}): on 13 and later the query fails with "column total_time does not
 *       exist". It also mixes every database of the server, never creates the extension it needs, and
 *       keeps only statements slower than 100 ms on average, which hides the frequent fast statements
 *       that dominate total time. Here: PG13+ names, this database only, ordered by total time.</li>
 *   <li>{@code findMissingIndexes} lists {@code pg_stats} columns with {@code n_distinct > 100} and
 *       {@code correlation < 0.1}. That describes how values are laid out on disk, not whether any
 *       query filters on the column or whether an index on it already exists, so it does not find
 *       missing indexes. It even skips the most selective columns: {@code n_distinct} is negative
 *       (a fraction of the rows, -1 for unique) when distinct values grow with the table, and
 *       {@code correlation < 0.1} also keeps perfectly ordered descending columns (-1). Evidence of a
 *       missing index is a plan: {@link #explain(Connection, ExplainMode, String, Object...)} shows
 *       which relations a statement seq-scans, and {@link #statementStatistics()} which statements
 *       read many blocks per call.</li>
 *   <li>{@code getConnectionPoolStats} selects {@code numbackends} without a {@code FROM} (an error)
 *       and otherwise counts the whole server, not the pool; here {@link #connectionStats(String)}
 *       counts this database's sessions and {@link #poolStats(HikariDataSource)} the pool itself.</li>
 *   <li>{@code checkTableBloat} measures sizes, not bloat, and calls TOAST "index size".</li>
 * </ul>
 *
 * <p>Thread-safe: it holds only the data source; each call borrows a connection and returns it.
 */
public final class Monitor {

    /** How many statements {@link #statementStatistics()} and {@link #snapshot()} return. */
    public static final int DEFAULT_STATEMENT_LIMIT = 20;

    private final DataSource dataSource;
    private final StatementStatisticsReader statements;
    private final DatabaseStatisticsReader statistics;

    public Monitor(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.statements = new StatementStatisticsReader(dataSource);
        this.statistics = new DatabaseStatisticsReader(dataSource);
    }

    /** Which server, database and schema this monitor reads. */
    public ServerInfo serverInfo() {
        return statistics.serverInfo();
    }

    // --- pg_stat_statements ----------------------------------------------------------------------

    /**
     * Runs {@code CREATE EXTENSION IF NOT EXISTS pg_stat_statements} in the current database and says
     * whether the view can be read. Never throws for the expected failures (no privilege, library
     * not in {@code shared_preload_libraries}, server older than 13): the status says why.
     */
    public StatementStatisticsStatus ensureStatementStatistics() {
        return statements.ensure();
    }

    /** Whether the view can be read, without installing anything. */
    public StatementStatisticsStatus statementStatisticsStatus() {
        return statements.status();
    }

    /**
     * Whether statement statistics are collected here, each requirement checked on its own (extension
     * installed, library preloaded, view readable), with {@link StatementStatisticsAvailability#warning()}
     * to print at the start of a run. Installs nothing.
     */
    public StatementStatisticsAvailability statementStatisticsAvailability() {
        return statements.availability();
    }

    /**
     * As {@link #statementStatistics(String, int)}, but "not collected" (with the reason) instead of an
     * exception when the extension is missing or not loaded: a caller never mistakes that for zeros.
     */
    public StatementStatisticsReading readStatementStatistics(String queryLike, int limit) {
        return statements.reading(queryLike, limit);
    }

    /**
     * Clears the statistics of the current database only ({@code pg_stat_statements_reset(0, dbid, 0)}),
     * leaving other databases on the server alone.
     *
     * @throws MonitorException if the extension is missing or not loaded, or the user may not reset
     */
    public void resetStatementStatistics() {
        statements.reset();
    }

    /**
     * Statements of the current database, most total execution time first.
     *
     * @param queryLike a case-insensitive {@code LIKE} pattern on the normalized text, or null for all
     * @param limit     at most this many statements (at least 1)
     * @throws MonitorException if the extension is missing or not loaded
     */
    public List<StatementStatistic> statementStatistics(String queryLike, int limit) {
        return statements.read(queryLike, limit);
    }

    /** The {@value #DEFAULT_STATEMENT_LIMIT} statements with the most total execution time. */
    public List<StatementStatistic> statementStatistics() {
        return statementStatistics(null, DEFAULT_STATEMENT_LIMIT);
    }

    // --- indexes ---------------------------------------------------------------------------------

    /**
     * Valid indexes never scanned since the statistics reset that enforce nothing: UNIQUE indexes and
     * those backing a primary key, unique or exclusion constraint are left out.
     */
    public List<IndexFinding> unusedIndexes() {
        return IndexAudit.load(dataSource).unused();
    }

    /** Exact duplicates ({@code DUPLICATE}) and indexes led by a longer one ({@code PREFIX_REDUNDANT}). */
    public List<IndexFinding> duplicateIndexes() {
        return IndexAudit.load(dataSource).duplicates();
    }

    /** Indexes with {@code pg_index.indisvalid = false}, such as a failed CREATE INDEX CONCURRENTLY leaves. */
    public List<IndexFinding> invalidIndexes() {
        return IndexAudit.load(dataSource).invalid();
    }

    /**
     * Foreign keys whose referencing columns no index starts with (a partial index counts only when
     * its predicate is {@code column IS NOT NULL}): each delete of a referenced row scans the table.
     */
    public List<ForeignKeyFinding> foreignKeysWithoutIndex() {
        return IndexAudit.load(dataSource).foreignKeysWithoutIndex();
    }

    /** Scan counts of every index in the user schemas, as {@code pg_stat_user_indexes} has them now. */
    public List<IndexUsage> indexUsage() {
        return IndexAudit.load(dataSource).usage();
    }

    // --- cache, connections, sizes ---------------------------------------------------------------

    /** Index blocks found in shared_buffers against those read in ({@code pg_statio_user_indexes}). */
    public HitRatio indexHitRatio() {
        return statistics.indexHitRatio();
    }

    /** Heap blocks found in shared_buffers against those read in ({@code pg_statio_user_tables}). */
    public HitRatio tableHitRatio() {
        return statistics.tableHitRatio();
    }

    /** Client sessions on the current database; only those of {@code applicationName} unless it is null. */
    public ConnectionStats connectionStats(String applicationName) {
        return statistics.connections(applicationName);
    }

    /** The pool's own view of its connections; works for any HikariCP pool, started or not. */
    public static PoolStats poolStats(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(pool.getPoolName(), false, 0, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolStats(pool.getPoolName(), true, bean.getTotalConnections(), bean.getActiveConnections(),
                bean.getIdleConnections(), bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    /** Every table of the current schema with heap, index, TOAST and total bytes, largest first. */
    public List<RelationSize> relationSizes() {
        return statistics.relationSizes();
    }

    // --- plans -----------------------------------------------------------------------------------

    /**
     * The plan of {@code sql} with {@code params} bound by position ({@code ?}) on the given
     * connection, so its session settings apply. {@link ExplainMode#ANALYZE_BUFFERS} runs the
     * statement and rolls it back.
     */
    public static Plan explain(Connection connection, ExplainMode mode, String sql, Object... params) {
        return Explainer.explain(connection, mode, sql, params);
    }

    /** The estimated plan ({@link ExplainMode#ESTIMATE}) on the given connection. */
    public static Plan explain(Connection connection, String sql, Object... params) {
        return Explainer.explain(connection, ExplainMode.ESTIMATE, sql, params);
    }

    /** The plan on a connection borrowed from {@code dataSource} (default session settings). */
    public static Plan explain(DataSource dataSource, ExplainMode mode, String sql, Object... params) {
        return Explainer.explain(dataSource, mode, sql, params);
    }

    /** The estimated plan on a connection borrowed from {@code dataSource}. */
    public static Plan explain(DataSource dataSource, String sql, Object... params) {
        return Explainer.explain(dataSource, ExplainMode.ESTIMATE, sql, params);
    }

    // --- all at once -----------------------------------------------------------------------------

    /** {@link #snapshot(String, int)} for every application and {@value #DEFAULT_STATEMENT_LIMIT} statements. */
    public MonitorSnapshot snapshot() {
        return snapshot(null, DEFAULT_STATEMENT_LIMIT);
    }

    /**
     * Everything above in one value, read one after the other (not one consistent instant). Reads
     * only: statement statistics are included when the extension is already usable (call
     * {@link #ensureStatementStatistics()} first to install it); pool statistics when the data source
     * is a HikariCP pool. Plans can be added with {@link MonitorSnapshot#withPlan(String, Plan)}.
     */
    public MonitorSnapshot snapshot(String applicationName, int statementLimit) {
        Instant capturedAt = Instant.now();
        ServerInfo server = serverInfo();
        StatementStatisticsStatus status = statementStatisticsStatus();
        List<StatementStatistic> topStatements = status.usable()
                ? statementStatistics(null, statementLimit)
                : List.of();
        IndexAudit audit = IndexAudit.load(dataSource);
        Optional<PoolStats> pool = dataSource instanceof HikariDataSource hikari
                ? Optional.of(poolStats(hikari))
                : Optional.empty();
        return new MonitorSnapshot(capturedAt, server, status, topStatements,
                audit.unused(), audit.duplicates(), audit.invalid(),
                indexHitRatio(), tableHitRatio(), connectionStats(applicationName), pool,
                relationSizes(), Map.of());
    }
}
