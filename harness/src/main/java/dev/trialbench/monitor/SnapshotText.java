package dev.trialbench.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link MonitorSnapshot} as compact plain text for a terminal: one line per fact, fixed
 * columns for statements and tables, statement texts folded to one line and cut at
 * {@value #QUERY_WIDTH} characters. Thread-safe (stateless).
 */
final class SnapshotText {

    static final int QUERY_WIDTH = 80;

    private SnapshotText() {
    }

    static String render(MonitorSnapshot snapshot) {
        StringBuilder text = new StringBuilder();
        ServerInfo server = snapshot.server();
        line(text, "database %s (schema %s), PostgreSQL %s, captured %s", server.database(), server.schema(),
                server.serverVersion(), snapshot.capturedAt());
        ConnectionStats connections = snapshot.connections();
        line(text, "connections%s: %d total, %d active, %d idle, %d idle in transaction, %d waiting on a lock;"
                        + " server max %d",
                connections.applicationName().map(name -> " of " + name).orElse(""), connections.total(),
                connections.active(), connections.idle(), connections.idleInTransaction(),
                connections.waitingOnLock(), connections.maxConnections());
        snapshot.pool().ifPresent(pool -> line(text, "pool %s: %s", pool.poolName(), pool.running()
                ? String.format(Locale.ROOT, "%d total, %d active, %d idle, %d threads waiting (max %d)",
                        pool.total(), pool.active(), pool.idle(), pool.threadsAwaiting(), pool.maximumPoolSize())
                : "not running"));
        line(text, "cache hit ratio: indexes %s, tables %s", ratio(snapshot.indexHitRatio()),
                ratio(snapshot.tableHitRatio()));
        statements(text, snapshot);
        indexes(text, snapshot);
        tables(text, snapshot.relations());
        if (!snapshot.plans().isEmpty()) {
            line(text, "plans:");
            for (Map.Entry<String, Plan> plan : snapshot.plans().entrySet()) {
                line(text, "  %s: %s", plan.getKey(), plan.getValue().summary());
            }
        }
        return text.toString();
    }

    private static void statements(StringBuilder text, MonitorSnapshot snapshot) {
        if (!snapshot.statementStatistics().usable()) {
            line(text, "statements: not available: %s", snapshot.statementStatistics().reason());
            return;
        }
        line(text, "statements (top %d by total execution time):", snapshot.statements().size());
        if (snapshot.statements().isEmpty()) {
            line(text, "  (none recorded since the last reset)");
            return;
        }
        line(text, "  %9s %11s %9s %9s %9s %9s  %s", "calls", "total ms", "mean ms", "rows/call", "hit/call",
                "read/call", "query");
        for (StatementStatistic statement : snapshot.statements()) {
            line(text, "  %9d %11.1f %9.3f %9.1f %9.1f %9.1f  %s", statement.calls(), statement.totalExecTimeMs(),
                    statement.meanExecTimeMs(), statement.rowsPerCall(), statement.sharedBlocksHitPerCall(),
                    statement.sharedBlocksReadPerCall(), oneLine(statement.query()));
        }
    }

    private static void indexes(StringBuilder text, MonitorSnapshot snapshot) {
        List<IndexFinding> findings = new ArrayList<>(snapshot.invalidIndexes());
        findings.addAll(snapshot.duplicateIndexes());
        findings.addAll(snapshot.unusedIndexes());
        line(text, "index findings: %d invalid, %d duplicate or redundant, %d unused", snapshot.invalidIndexes().size(),
                snapshot.duplicateIndexes().size(), snapshot.unusedIndexes().size());
        for (IndexFinding finding : findings) {
            line(text, "  %-16s %s.%s %s (%s)%s", finding.kind(), finding.schema(), finding.table(), finding.index(),
                    bytes(finding.sizeBytes()), finding.redundantTo().map(other -> ", covered by " + other).orElse(""));
        }
    }

    private static void tables(StringBuilder text, List<RelationSize> relations) {
        line(text, "tables (current schema, largest first):");
        line(text, "  %-28s %12s %10s %10s %10s %10s", "table", "est. rows", "heap", "indexes", "toast", "total");
        for (RelationSize relation : relations) {
            String rows = relation.estimatedRows().isPresent()
                    ? Long.toString(relation.estimatedRows().getAsLong())
                    : "unknown";
            line(text, "  %-28s %12s %10s %10s %10s %10s", relation.table(), rows, bytes(relation.heapBytes()),
                    bytes(relation.indexBytes()), bytes(relation.toastBytes()), bytes(relation.totalBytes()));
        }
    }

    /** Sizes as PostgreSQL's pg_size_pretty counts them (1 kB = 1024 bytes), one decimal. */
    static String bytes(long bytes) {
        String[] units = {"kB", "MB", "GB", "TB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String ratio(HitRatio ratio) {
        if (ratio.ratio().isEmpty()) {
            return "n/a (no block accessed)";
        }
        return String.format(Locale.ROOT, "%.2f%% (%d hits, %d reads)", ratio.ratio().getAsDouble() * 100,
                ratio.hits(), ratio.reads());
    }

    /** Folds whitespace so that a multi-line statement fits on one line, and cuts it to the column width. */
    static String oneLine(String query) {
        if (query == null) {
            return "";
        }
        String folded = query.strip().replaceAll("\\s+", " ");
        return folded.length() <= QUERY_WIDTH ? folded : folded.substring(0, QUERY_WIDTH - 3) + "...";
    }

    private static void line(StringBuilder text, String format, Object... values) {
        text.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
