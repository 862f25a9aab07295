package dev.trialbench.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads one table with {@code COPY ... FROM STDIN} (binary format, or text) on a given connection: rows are
 * generated into a {@link CopyBuffer} and sent whenever it holds about 1 MB, so memory stays flat
 * at any scale. Times its two steps per chunk (two clock reads per megabyte, not per row): the
 * generator filling the buffer, and the send blocking until the server has taken the chunk in.
 * Stateless; thread-safe (each call uses its own buffer and generator).
 */
final class TableCopier {

    private TableCopier() {
    }

    /** Copies every row of {@code table}; the COPY is one statement, so it commits or fails whole. */
    static SeedSummary.TableLoad copy(Connection connection, SeedPlan plan, SeedTable table, CopyBuffer.Format format,
                                      SeedProgress progress) throws SQLException {
        long rows = plan.rowCount(table);
        progress.tableStarted(table, rows);
        long start = System.nanoTime();
        TableRows generator = TableRows.of(table, plan);
        CopyBuffer buffer = new CopyBuffer(format);
        long bytes = 0;
        long generating = 0;
        long sending = 0;
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        CopyIn copyIn = copyManager.copyIn("COPY " + table.tableName() + " (" + table.columns() + ") FROM STDIN"
                + format.option());
        try {
            buffer.startCopy();
            long chunkStart = System.nanoTime();
            for (long index = 0; index < rows; index++) {
                generator.write(index, buffer);
                if (buffer.full()) {
                    long generated = System.nanoTime();
                    copyIn.writeToCopy(buffer.bytes(), 0, buffer.length());
                    long sent = System.nanoTime();
                    generating += generated - chunkStart;
                    sending += sent - generated;
                    bytes += buffer.length();
                    buffer.clear();
                    progress.rowsWritten(table, index + 1);
                    chunkStart = System.nanoTime();
                }
            }
            long generated = System.nanoTime();
            generating += generated - chunkStart;
            buffer.endCopy();
            if (buffer.length() > 0) {
                copyIn.writeToCopy(buffer.bytes(), 0, buffer.length());
                bytes += buffer.length();
            }
            long copied = copyIn.endCopy();
            sending += System.nanoTime() - generated;
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
        return new SeedSummary.TableLoad(table, rows, bytes, 0, took, Duration.ofNanos(generating), Duration.ofNanos(sending),
                null);
    }
}
