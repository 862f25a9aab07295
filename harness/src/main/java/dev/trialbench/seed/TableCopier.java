package dev.trialbench.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads one table with {@code COPY ... FROM STDIN} (text format) on a given connection: rows are
 * generated into a {@link CopyBuffer} and sent whenever it holds about 1 MB, so memory stays flat
 * at any scale. Stateless; thread-safe (each call uses its own buffer and generator).
 */
final class TableCopier {

    private TableCopier() {
    }

    /** Copies every row of {@code table}; the COPY is one statement, so it commits or fails whole. */
    static SeedSummary.TableLoad copy(Connection connection, SeedPlan plan, SeedTable table, SeedProgress progress)
            throws SQLException {
        long rows = plan.rowCount(table);
        progress.tableStarted(table, rows);
        long start = System.nanoTime();
        TableRows generator = TableRows.of(table, plan);
        CopyBuffer buffer = new CopyBuffer();
        long bytes = 0;
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        CopyIn copyIn = copyManager.copyIn("COPY " + table.tableName() + " (" + table.columns() + ") FROM STDIN");
        try {
            for (long index = 0; index < rows; index++) {
                generator.write(index, buffer);
                if (buffer.full()) {
                    copyIn.writeToCopy(buffer.bytes(), 0, buffer.length());
                    bytes += buffer.length();
                    buffer.clear();
                    progress.rowsWritten(table, index + 1);
                }
            }
            if (buffer.length() > 0) {
                copyIn.writeToCopy(buffer.bytes(), 0, buffer.length());
                bytes += buffer.length();
            }
            long copied = copyIn.endCopy();
            if (copied != rows) {
                throw new SeedException("COPY into " + table.tableName() + " stored " + copied + " rows, expected " + rows);
            }
        } catch (SQLException e) {
            throw new SQLException("COPY into " + table.tableName() + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        progress.tableFinished(table, rows, took);
        return new SeedSummary.TableLoad(table, rows, bytes, 0, took);
    }
}
