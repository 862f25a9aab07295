package dev.trialbench.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seeded tables' primary keys, unique constraints, other indexes and foreign keys, taken off
 * before the load and put back after it, the way {@code pg_restore} loads a dump: one sorted index
 * build instead of a random b-tree insert per row. Measured on PostgreSQL 15 with the 1,000,000
 * rows of login_sessions (a random uuid primary key): binary COPY into the table with its key
 * 7.2 s; without it 1.9 s, and the key built afterwards 1.1 s.
 *
 * <p>The seeder defines no schema of its own: every definition is read from the catalog as the
 * migrations made it ({@code pg_get_constraintdef}, {@code pg_get_indexdef}, in either schema
 * state) and restored verbatim under its own name, so the schema after seeding is the one the
 * migrations left ({@code KeysAfterLoadTest} compares the catalogs). Foreign keys come back last,
 * as {@code ALTER TABLE ... ADD CONSTRAINT}, which checks every row once (a {@code NOT VALID} key
 * comes back {@code NOT VALID}, as it was); a violation is reported per key by
 * {@link ForeignKeyCheck}. Invalid indexes (a failed concurrent build) are left alone.
 *
 * <p>Immutable after {@link #of}; the methods run on the connection they are given. Thread-safe for
 * different tables on different connections.
 */
final class KeysAfterLoad {

    /** What is taken off: a foreign key, a constraint backed by an index (primary key, unique, exclusion), an index. */
    enum Kind { FOREIGN_KEY, INDEXED_CONSTRAINT, INDEX }

    /**
     * One definition.
     *
     * @param table    the table, as {@code regclass} text (quoted, qualified where needed)
     * @param name     the constraint's or index's name as the catalog holds it
     * @param dropName the index as {@code regclass} text, for {@code DROP INDEX}; the quoted name for a constraint
     * @param sql      the definition: a constraint's {@code pg_get_constraintdef}, an index's {@code pg_get_indexdef}
     */
    record Definition(Kind kind, String table, String name, String dropName, String sql) {

        String drop() {
            return kind == Kind.INDEX ? "DROP INDEX " + dropName
                    : "ALTER TABLE " + table + " DROP CONSTRAINT " + dropName;
        }

        String restore() {
            return kind == Kind.INDEX ? sql : "ALTER TABLE " + table + " ADD CONSTRAINT " + dropName + " " + sql;
        }
    }

    private static final String FOREIGN_KEYS = """
            SELECT c.conrelid::regclass::text, c.conname, quote_ident(c.conname), pg_get_constraintdef(c.oid)
              FROM pg_constraint c
             WHERE c.contype = 'f'
               AND (c.conrelid::regclass::text = ANY (?) OR c.confrelid::regclass::text = ANY (?))
             ORDER BY c.conname""";
    private static final String INDEXED_CONSTRAINTS = """
            SELECT c.conrelid::regclass::text, c.conname, quote_ident(c.conname), pg_get_constraintdef(c.oid)
              FROM pg_constraint c
             WHERE c.contype IN ('p', 'u', 'x') AND c.conrelid::regclass::text = ANY (?)
             ORDER BY c.conname""";
    private static final String INDEXES = """
            SELECT i.indrelid::regclass::text, ci.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
              FROM pg_index i
              JOIN pg_class ci ON ci.oid = i.indexrelid
             WHERE i.indrelid::regclass::text = ANY (?) AND i.indisvalid
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
             ORDER BY ci.relname""";
    private static final String PRESENT = """
            SELECT conname FROM pg_constraint WHERE conrelid::regclass::text = ? AND conname = ?
            UNION ALL
            SELECT relname FROM pg_class WHERE oid = to_regclass(?)""";

    private final List<Definition> definitions;
    /** The foreign keys as {@link ForeignKeyCheck} counts their violations (read before they are taken off). */
    private final List<ForeignKeyCheck.ForeignKey> foreignKeys;

    private KeysAfterLoad(List<Definition> definitions, List<ForeignKeyCheck.ForeignKey> foreignKeys) {
        this.definitions = List.copyOf(definitions);
        this.foreignKeys = List.copyOf(foreignKeys);
    }

    /** Reads the definitions of {@code tables} (and the foreign keys that reference them) from the catalog. */
    static KeysAfterLoad of(Connection connection, List<SeedTable> tables) throws SQLException {
        String[] names = tables.stream().map(SeedTable::tableName).toArray(String[]::new);
        List<Definition> found = new ArrayList<>();
        read(connection, FOREIGN_KEYS, Kind.FOREIGN_KEY, names, 2, found);
        read(connection, INDEXED_CONSTRAINTS, Kind.INDEXED_CONSTRAINT, names, 1, found);
        read(connection, INDEXES, Kind.INDEX, names, 1, found);
        return new KeysAfterLoad(found, ForeignKeyCheck.of(connection, tables));
    }

    /**
     * Whether the connection's role owns every seeded table (only an owner may drop and add their
     * constraints); false for a role that does not, which then loads with them in place.
     */
    static boolean mayRebuild(Connection connection, List<SeedTable> tables) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE')) FROM pg_class c"
                        + " WHERE c.oid = ANY (SELECT to_regclass(t) FROM unnest(?::text[]) AS t)")) {
            statement.setArray(1, connection.createArrayOf("text",
                    tables.stream().map(SeedTable::tableName).toArray(String[]::new)));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    List<Definition> definitions() {
        return definitions;
    }

    /** Takes everything off, in one transaction: foreign keys first (they depend on the keys they reference). */
    void dropAll(Connection connection) throws SQLException {
        inTransaction(connection, statement -> {
            for (Kind kind : Kind.values()) {
                for (Definition definition : definitions) {
                    if (definition.kind() == kind) {
                        statement.execute(definition.drop());
                    }
                }
            }
        });
    }

    /** Puts back the primary key, unique constraints and indexes of one loaded table. */
    void restoreIndexes(Connection connection, SeedTable table) throws SQLException {
        inTransaction(connection, statement -> {
            for (Definition definition : definitions) {
                if (definition.kind() != Kind.FOREIGN_KEY && definition.table().equals(table.tableName())) {
                    statement.execute(definition.restore());
                }
            }
        });
    }

    /**
     * Puts back every foreign key, each checking every row once; on a violation, {@link SeedException}
     * naming each violated key with its count of rows (the keys stay off: {@link #restoreMissing} after emptying).
     */
    void restoreForeignKeys(Connection connection) throws SQLException {
        try {
            inTransaction(connection, statement -> {
                for (Definition definition : definitions) {
                    if (definition.kind() == Kind.FOREIGN_KEY) {
                        statement.execute(definition.restore());
                    }
                }
            });
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) { // foreign_key_violation
                ForeignKeyCheck.verify(connection, foreignKeys);
            }
            throw e;
        }
    }

    /**
     * After a failed load, with the tables emptied again: puts back whatever is missing, so the schema
     * is as the migrations left it. Returns the names that could not be put back (none, normally).
     */
    List<String> restoreMissing(Connection connection) {
        List<String> failed = new ArrayList<>();
        for (Kind kind : List.of(Kind.INDEXED_CONSTRAINT, Kind.INDEX, Kind.FOREIGN_KEY)) {
            for (Definition definition : definitions) {
                if (definition.kind() != kind) {
                    continue;
                }
                try {
                    if (!present(connection, definition)) {
                        inTransaction(connection, statement -> statement.execute(definition.restore()));
                    }
                } catch (SQLException e) {
                    failed.add(definition.name());
                }
            }
        }
        return failed;
    }

    private static boolean present(Connection connection, Definition definition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PRESENT)) {
            statement.setString(1, definition.table());
            statement.setString(2, definition.name());
            statement.setString(3, definition.kind() == Kind.INDEX ? definition.dropName() : "-");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Statement statement) throws SQLException;
    }

    /**
     * One transaction without the pool's statement and lock timeouts (a key's build or a foreign key's
     * check at a large scale outlasts Fix 4's 30 s), which {@code SET LOCAL} gives back at its end.
     */
    private static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = 0");
            statement.execute("SET LOCAL lock_timeout = 0");
            work.run(statement);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void read(Connection connection, String sql, Kind kind, String[] names, int arrays,
                             List<Definition> into) throws SQLException {
        Set<String> seen = new HashSet<>();
        into.forEach(definition -> seen.add(definition.kind() + " " + definition.table() + " " + definition.name()));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= arrays; i++) {
                statement.setArray(i, connection.createArrayOf("text", names));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Definition definition = new Definition(kind, rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4));
                    if (seen.add(kind + " " + definition.table() + " " + definition.name())) {
                        into.add(definition);
                    }
                }
            }
        }
    }
}
