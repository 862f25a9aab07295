package dev.trialbench.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the PostgreSQL catalog says about the current schema, read back with SQL, one readable line
 * per column, index and constraint, so that two snapshots compare with {@code isEqualTo} and a
 * difference shows up as the lines that differ. Flyway's history table is left out: it records how
 * the schema got there, not what the schema is. Used as the schema fingerprint when a migration
 * fault must leave the schema unchanged. Immutable.
 */
public record CatalogSnapshot(List<String> columns, List<String> indexes, List<String> constraints) {

    private static final String COLUMNS = """
            SELECT c.relname || '.' || a.attname
                   || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                   || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
              AND c.relname <> 'flyway_schema_history'
            ORDER BY c.relname, a.attnum""";

    private static final String INDEXES = """
            SELECT pg_get_indexdef(i.indexrelid)
                   || CASE WHEN i.indisvalid THEN '' ELSE ' -- INVALID' END
                   || CASE WHEN i.indisready THEN '' ELSE ' -- NOT READY' END
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname <> 'flyway_schema_history'
            ORDER BY t.relname, ic.relname""";

    private static final String CONSTRAINTS = """
            SELECT t.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                   || CASE WHEN con.convalidated THEN ' VALIDATED' ELSE ' NOT VALIDATED' END
            FROM pg_constraint con
            JOIN pg_class t ON t.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname <> 'flyway_schema_history'
            ORDER BY t.relname, con.conname""";

    /** Reads the catalog of the current schema. */
    public static CatalogSnapshot of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return new CatalogSnapshot(lines(connection, COLUMNS), lines(connection, INDEXES),
                    lines(connection, CONSTRAINTS));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the catalog", e);
        }
    }

    /**
     * The lines that differ, {@code "+ "} for a line only this snapshot has and {@code "- "} for one
     * only {@code earlier} has: empty when the two catalogs are the same, short and readable when not.
     */
    public List<String> differencesFrom(CatalogSnapshot earlier) {
        List<String> differences = new ArrayList<>();
        List<String> mine = all();
        List<String> theirs = earlier.all();
        theirs.stream().filter(line -> !mine.contains(line)).map(line -> "- " + line).forEach(differences::add);
        mine.stream().filter(line -> !theirs.contains(line)).map(line -> "+ " + line).forEach(differences::add);
        return differences;
    }

    private List<String> all() {
        List<String> all = new ArrayList<>(columns);
        all.addAll(indexes);
        all.addAll(constraints);
        return all;
    }

    private static List<String> lines(Connection connection, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return List.copyOf(lines);
    }
}
