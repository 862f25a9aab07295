package dev.trialbench.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed move to AFTER leaves behind, undone so that the next run starts clean. V4_1 is one
 * transaction (the server rolls it back whole), but two steps leave traces: a failed
 * {@code CREATE INDEX CONCURRENTLY} leaves its index INVALID (dropped here, concurrently), and a
 * failed V4_2 validation leaves the V4 constraints added NOT VALID (dropped here by the way back's
 * script, and their history rows forgotten). {@link Migrations} then has Flyway repair its failed
 * history row and, when the move started at BEFORE, goes back to BEFORE, dropping the V3 indexes
 * built before the failure. Thread-safe (stateless).
 */
final class MigrationRepair {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRepair.class);

    private MigrationRepair() {
    }

    /** Drops the INVALID indexes of the current schema, and the V4 constraints when their step failed. */
    static void dropLeftovers(DataSource dataSource, MigrationRevert revert) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<String> invalid = invalidIndexes(connection);
            try (Statement statement = connection.createStatement()) {
                for (String index : invalid) {
                    LOG.warn("Dropping INVALID index {} left by a failed concurrent build", index);
                    statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                }
                if (MigrationHistory.constraintsFailed(statement)) {
                    LOG.warn("Validation of the V4 constraints failed: dropping them again");
                    revert.dropConstraints(connection);
                    MigrationHistory.forgetConstraints(statement);
                }
            }
        }
    }

    private static List<String> invalidIndexes(Connection connection) throws SQLException {
        List<String> invalid = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                     FROM pg_index i
                     JOIN pg_class c ON c.oid = i.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE NOT i.indisvalid AND n.nspname = current_schema()""")) {
            while (rows.next()) {
                invalid.add(rows.getString(1));
            }
        }
        return invalid;
    }
}
