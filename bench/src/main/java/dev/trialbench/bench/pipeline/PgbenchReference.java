package dev.trialbench.bench.pipeline;

import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads {@code pgbench -i} into a scratch database on the same server, right after the seeder, so
 * that the seeder's heap MB/s has a reference measured under the same conditions. Only the steps
 * comparable to the seeder run ({@code -I dtgv}: drop, create tables, client-side COPY, vacuum), and
 * not its primary keys ({@code p}): the seeder's time includes building its tables' keys and indexes,
 * so the comparison leaves pgbench the lighter work.
 * The scale is chosen so that pgbench loads about as much heap as the seeder (32 per seed scale 1).
 */
final class PgbenchReference {

    /** pgbench's heap MB/s and seconds; or why there is none. */
    record Result(Double heapMegabytesPerSecond, Double seconds, String note) {
    }

    private PgbenchReference() {
    }

    static Result measure(ProvisionedDatabase server, double seedScale) {
        String pgbench = Pgbench.find().orElse(null);
        if (pgbench == null) {
            return new Result(null, null, Pgbench.NOT_FOUND);
        }
        int scale = (int) Math.max(1, Math.round(32 * seedScale));
        try (OwnDatabase database = OwnDatabase.create(server, "pgbench", 1, OwnDatabase.OnClose.DROP)) {
            ProcessBuilder builder = Pgbench.command(pgbench, database,
                            List.of("-i", "-I", "dtgv", "-q", "-s", Integer.toString(scale)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                return new Result(null, null, "pgbench -i failed (exit " + process.exitValue() + ")");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long heapBytes = heapBytes(database);
            return new Result(heapBytes / 1e6 / seconds, seconds,
                    "pgbench -i -I dtgv -s " + scale + ": " + Math.round(heapBytes / 1e6) + " MB heap");
        } catch (IOException | SQLException | DatabaseUnavailableException e) {
            return new Result(null, null, "pgbench reference not measured: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, null, "pgbench reference interrupted");
        }
    }

    private static long heapBytes(OwnDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT sum(pg_relation_size(oid)) FROM pg_class WHERE relname LIKE 'pgbench%' AND relkind = 'r'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
