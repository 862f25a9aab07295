package dev.trialbench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.db.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * Evidence for Fix 5's "proper cascading": what deleting one user costs and locks, on the schema the
 * pool's database is in (run it before and after the migrations). Fix 5 adds {@code ON DELETE
 * CASCADE / SET NULL} on columns that no index starts with ({@code login_sessions.user_id},
 * {@code payment_verifications.user_id}, {@code trial_usage.token_id} and {@code user_id};
 * {@code trial_fraud_flags.user_id} has only a partial index), so each cascade scans its table.
 *
 * <p>Each case deletes one seeded user inside a transaction that is rolled back: {@code EXPLAIN
 * (ANALYZE, BUFFERS)} of the DELETE (its "Trigger for constraint ..." lines: calls and time per
 * foreign key), then, with the transaction still open, the relation locks it holds ({@code pg_locks}),
 * what it did to each table ({@code pg_stat_xact_user_tables}: sequential and index scans, rows
 * read, deleted and updated, heap blocks), and the rows still pointing at the deleted user (before the
 * migrations nothing cascades: they are orphans). Two users: the one with the most login sessions
 * among those who own no report, and the one who owns the most reports ({@code reports} keeps the
 * baseline's foreign key without an ON DELETE rule, which Fix 5 leaves alone: that delete fails with
 * 23503 on both schemas). Nothing is changed. Not thread-safe: one run at a time.
 *
 * @param schema the schema state ({@code before}, {@code after})
 * @param cases  the user with most sessions (and no report), then the owner of most reports
 */
public record UserDeletion(String schema, List<UserDeletion.Case> cases) {

    public static final String MOST_SESSIONS = "most login sessions, owns no report";
    public static final String MOST_REPORTS = "owns the most reports";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The referencing columns counted, and how each is counted for one user. */
    private static final Map<String, String> DEPENDENTS = dependents();

    private static final String MOST_SESSIONS_SQL = """
            SELECT s.user_id FROM login_sessions s
            WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.created_by_user_id = s.user_id)
            GROUP BY s.user_id ORDER BY count(*) DESC, s.user_id LIMIT 1""";
    private static final String MOST_REPORTS_SQL = """
            SELECT created_by_user_id FROM reports WHERE created_by_user_id IS NOT NULL
            GROUP BY created_by_user_id ORDER BY count(*) DESC, created_by_user_id LIMIT 1""";
    private static final String DELETE_USER = "DELETE FROM users WHERE user_id = ?";
    private static final String LOCKS_SQL = """
            SELECT c.relname, CASE c.relkind WHEN 'i' THEN 'index' WHEN 'r' THEN 'table' ELSE c.relkind::text END,
                   l.mode
            FROM pg_locks l
            JOIN pg_class c ON c.oid = l.relation
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND n.nspname = current_schema()
            ORDER BY c.relkind DESC, c.relname, l.mode""";
    private static final String TABLES_SQL = """
            SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0),
                   n_tup_del, n_tup_upd, pg_stat_get_xact_blocks_fetched(relid), pg_stat_get_xact_blocks_hit(relid)
            FROM pg_stat_xact_user_tables
            WHERE schemaname = current_schema()
              AND seq_scan + coalesce(idx_scan, 0) + n_tup_del + n_tup_upd + n_tup_ins > 0
            ORDER BY relname""";

    /**
     * Deleting one user.
     *
     * @param subject         which user ({@link #MOST_SESSIONS}, {@link #MOST_REPORTS})
     * @param dependentRows   rows referencing the user before the delete, per table.column
     * @param deleted         the DELETE succeeded (it is rolled back all the same)
     * @param sqlState        the SQLState it failed with, or null
     * @param blockedBy       the constraint it failed on, or null
     * @param locks           relation locks the open transaction held after the DELETE
     * @param triggers        EXPLAIN ANALYZE's foreign-key triggers fired by the DELETE itself
     * @param tables          what the transaction did to each table
     * @param leftBehind      rows still referencing the deleted user, per table.column (orphans)
     * @param executionMillis EXPLAIN ANALYZE's execution time, triggers included; null if it failed
     */
    public record Case(String subject, Map<String, Long> dependentRows, boolean deleted, String sqlState,
                       String blockedBy, List<Lock> locks, List<ConstraintTrigger> triggers, List<TableActivity> tables,
                       Map<String, Long> leftBehind, Double executionMillis) {

        public Case {
            dependentRows = Collections.unmodifiableMap(new TreeMap<>(dependentRows)); // sorted, as reports print them
            locks = List.copyOf(locks);
            triggers = List.copyOf(triggers);
            tables = List.copyOf(tables);
            leftBehind = Collections.unmodifiableMap(new TreeMap<>(leftBehind));
        }

        /** The activity on one table, if the transaction touched it. */
        public java.util.Optional<TableActivity> table(String name) {
            return tables.stream().filter(table -> table.table().equals(name)).findFirst();
        }

        /**
         * Rows left referencing the deleted user, over the user columns counted ({@code trial_usage.token_id}
         * is left out: those rows reference a token, which is itself counted when it is left behind).
         */
        public long orphans() {
            return deleted ? leftBehind.entrySet().stream().filter(entry -> entry.getKey().endsWith("user_id"))
                    .mapToLong(Map.Entry::getValue).sum() : 0;
        }
    }

    /** A relation lock held by the deleting transaction. */
    public record Lock(String relation, String kind, String mode) {
    }

    /** One "Trigger for constraint ..." line of EXPLAIN ANALYZE. */
    public record ConstraintTrigger(String constraint, String relation, long calls, double millis) {
    }

    /** What the deleting transaction did to one table ({@code pg_stat_xact_user_tables}). */
    public record TableActivity(String table, long seqScans, long seqRowsRead, long indexScans, long indexRowsFetched,
                                long rowsDeleted, long rowsUpdated, long blocksFetched, long blocksHit) {
    }

    public UserDeletion {
        cases = List.copyOf(cases);
    }

    /** The case of one subject, or null. */
    public Case of(String subject) {
        return cases.stream().filter(item -> item.subject().equals(subject)).findFirst().orElse(null);
    }

    public static UserDeletion run(DataSource dataSource) {
        String schema = new Migrations(dataSource).state().name().toLowerCase(Locale.ROOT);
        List<Case> cases = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<String, String> subject : Map.of(MOST_SESSIONS, MOST_SESSIONS_SQL,
                    MOST_REPORTS, MOST_REPORTS_SQL).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                UUID user = firstUser(connection, subject.getValue());
                if (user != null) {
                    cases.add(deleteAndRollBack(connection, subject.getKey(), user));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the user deletion experiment failed: " + e.getMessage(), e);
        }
        return new UserDeletion(schema, cases);
    }

    private static Case deleteAndRollBack(Connection connection, String subject, UUID user) throws SQLException {
        Map<String, Long> dependents = count(connection, user);
        connection.setAutoCommit(false);
        try {
            // Since PostgreSQL 15 the xact views also hold counts of earlier transactions not yet flushed:
            // what this transaction does is the difference from its start.
            List<TableActivity> start = tables(connection);
            JsonNode explained;
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + DELETE_USER)) {
                explain.setObject(1, user);
                try (ResultSet row = explain.executeQuery()) {
                    row.next();
                    explained = JSON.readTree(row.getString(1)).path(0);
                }
            } catch (PSQLException e) {
                String constraint = e.getServerErrorMessage() == null ? null : e.getServerErrorMessage().getConstraint();
                return new Case(subject, dependents, false, e.getSQLState(), constraint, List.of(), List.of(), List.of(),
                        Map.of(), null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("EXPLAIN gave no JSON: " + e.getMessage(), e);
            }
            // Read in this order: the statistics first, so that the counting below does not add to them.
            List<TableActivity> tables = since(start, tables(connection));
            List<Lock> locks = locks(connection);
            Map<String, Long> left = count(connection, user);
            return new Case(subject, dependents, true, null, null, locks, triggers(explained), tables, left,
                    explained.path("Execution Time").asDouble());
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static List<ConstraintTrigger> triggers(JsonNode explained) {
        List<ConstraintTrigger> triggers = new ArrayList<>();
        for (JsonNode trigger : explained.path("Triggers")) {
            triggers.add(new ConstraintTrigger(trigger.path("Constraint Name").asText(trigger.path("Trigger Name").asText()),
                    trigger.path("Relation").asText(), trigger.path("Calls").asLong(), trigger.path("Time").asDouble()));
        }
        return triggers;
    }

    private static List<TableActivity> tables(Connection connection) throws SQLException {
        List<TableActivity> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES_SQL);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new TableActivity(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9)));
            }
        }
        return tables;
    }

    /** Each table's counts minus those at the start; tables with no activity in between are left out. */
    private static List<TableActivity> since(List<TableActivity> start, List<TableActivity> now) {
        Map<String, TableActivity> before = new LinkedHashMap<>();
        start.forEach(table -> before.put(table.table(), table));
        List<TableActivity> activity = new ArrayList<>();
        for (TableActivity table : now) {
            TableActivity zero = new TableActivity(table.table(), 0, 0, 0, 0, 0, 0, 0, 0);
            TableActivity was = before.getOrDefault(table.table(), zero);
            TableActivity delta = new TableActivity(table.table(), table.seqScans() - was.seqScans(),
                    table.seqRowsRead() - was.seqRowsRead(), table.indexScans() - was.indexScans(),
                    table.indexRowsFetched() - was.indexRowsFetched(), table.rowsDeleted() - was.rowsDeleted(),
                    table.rowsUpdated() - was.rowsUpdated(), table.blocksFetched() - was.blocksFetched(),
                    table.blocksHit() - was.blocksHit());
            if (!delta.equals(zero)) {
                activity.add(delta);
            }
        }
        return activity;
    }

    private static List<Lock> locks(Connection connection) throws SQLException {
        List<Lock> locks = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCKS_SQL);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                locks.add(new Lock(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        return locks;
    }

    private static Map<String, Long> count(Connection connection, UUID user) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> dependent : DEPENDENTS.entrySet()) {
            try (PreparedStatement statement = connection.prepareStatement(dependent.getValue())) {
                statement.setObject(1, user);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    counts.put(dependent.getKey(), row.getLong(1));
                }
            }
        }
        return counts;
    }

    private static UUID firstUser(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getObject(1, UUID.class) : null;
        }
    }

    private static Map<String, String> dependents() {
        Map<String, String> dependents = new LinkedHashMap<>();
        for (String column : List.of("free_trial_tokens.user_id", "device_fingerprints.user_id",
                "trial_fraud_flags.user_id", "trial_usage.user_id", "payment_verifications.user_id",
                "login_sessions.user_id", "reports.created_by_user_id")) {
            String[] parts = column.split("\\.");
            dependents.put(column, "SELECT count(*) FROM " + parts[0] + " WHERE " + parts[1] + " = ?");
        }
        dependents.put("trial_usage.token_id", "SELECT count(*) FROM trial_usage WHERE token_id IN"
                + " (SELECT token_id FROM free_trial_tokens WHERE user_id = ?)");
        return dependents;
    }
}
