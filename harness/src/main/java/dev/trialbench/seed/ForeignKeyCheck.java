package dev.trialbench.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows that violate each foreign key of the seeded tables, counted per key with one anti-join
 * (what {@code ALTER TABLE ... VALIDATE CONSTRAINT} checks): {@link KeysAfterLoad} reads the keys
 * before it takes them off, and when putting one back fails, this names every violated key with its
 * count of rows instead of PostgreSQL's first failing row.
 *
 * <p>Stateless; thread-safe.
 */
final class ForeignKeyCheck {

    /** One foreign key: its name, the two tables and the column lists in key order. */
    record ForeignKey(String name, String table, String referencedTable, List<String> columns,
                      List<String> referencedColumns) {

        /** Rows with every key column set and no referenced row (MATCH SIMPLE: a NULL column skips the check). */
        String violationCount() {
            StringBuilder sql = new StringBuilder("SELECT count(*) FROM ").append(table).append(" t WHERE ");
            for (String column : columns) {
                sql.append("t.").append(column).append(" IS NOT NULL AND ");
            }
            sql.append("NOT EXISTS (SELECT 1 FROM ").append(referencedTable).append(" r WHERE ");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : " AND ").append("r.").append(referencedColumns.get(i)).append(" = t.")
                        .append(columns.get(i));
            }
            return sql.append(')').toString();
        }
    }

    private static final String FOREIGN_KEYS = """
            SELECT c.conname,
                   c.conrelid::regclass::text,
                   c.confrelid::regclass::text,
                   (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.n)
                      FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                   (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.n)
                      FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum)
              FROM pg_constraint c
             WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY (?)
             ORDER BY c.conname""";

    private ForeignKeyCheck() {
    }

    /** The foreign keys whose referencing table is one of {@code tables}. */
    static List<ForeignKey> of(Connection connection, List<SeedTable> tables) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        String[] names = tables.stream().map(SeedTable::tableName).toArray(String[]::new);
        try (var statement = connection.prepareStatement(FOREIGN_KEYS)) {
            statement.setArray(1, connection.createArrayOf("text", names));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3),
                            List.of(rows.getString(4).split(",")), List.of(rows.getString(5).split(","))));
                }
            }
        }
        return keys;
    }

    /** Checks every key; throws {@link SeedException} naming each one that rows violate. */
    static void verify(Connection connection, List<ForeignKey> keys) throws SQLException {
        List<String> violated = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (ForeignKey key : keys) {
                try (ResultSet rows = statement.executeQuery(key.violationCount())) {
                    rows.next();
                    long count = rows.getLong(1);
                    if (count > 0) {
                        violated.add(key.name() + " (" + count + " rows of " + key.table() + ")");
                    }
                }
            }
        }
        if (!violated.isEmpty()) {
            throw new SeedException("The seeded rows violate " + String.join(", ", violated)
                    + ": a generator references rows that were not loaded. Nothing was kept.");
        }
    }
}
