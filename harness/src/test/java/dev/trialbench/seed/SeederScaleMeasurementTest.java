package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.JdbcUrls;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.seed.SeededDatabases.State;
import dev.trialbench.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a unit test: seeds one fresh database at a chosen scale and logs the wall time and heap MB/s
 * per table, then (when {@code pgbench} is on the PATH) runs {@code pgbench -i -I dtgv -s 32×scale} against
 * a fresh database on the same server and logs its heap MB/s, so the two compare on equal terms: the
 * same steps and about the same heap as the pipeline's reference ({@code PgbenchReference} in bench).
 * Skipped unless asked for; asserts only row counts, never a timing. For example:
 *
 * <pre>
 * mvn -B -q -pl harness -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SeederScaleMeasurementTest -Dtrialbench.seed.measure.scale=1
 * # against another server: TRIALBENCH_TEST_DB=url TRIALBENCH_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres
 * # options: -Dtrialbench.seed.measure.state=AFTER -Dtrialbench.seed.measure.connections=1
 * #          -Dtrialbench.seed.measure.formats=TEXT,BINARY (COPY formats to seed with, one fresh database each)
 * #          -Dtrialbench.seed.measure.keysAfterLoad=false,true (keys, indexes and foreign keys in place, or built after the load)
 * #          -Dtrialbench.seed.measure.pgbench=10,32 (pgbench scales to compare with; default 32 x scale)
 * </pre>
 *
 * The databases it creates are left in place (their names are logged): drop them on a shared server.
 */
@EnabledIfSystemProperty(named = "trialbench.seed.measure.scale", matches = ".+")
class SeederScaleMeasurementTest {

    private static final Logger LOG = LoggerFactory.getLogger(SeederScaleMeasurementTest.class);

    @Test
    void seedOneScaleAndLogTheSpeed() throws Exception {
        double scale = Double.parseDouble(System.getProperty("trialbench.seed.measure.scale"));
        State state = State.valueOf(System.getProperty("trialbench.seed.measure.state", "BEFORE").toUpperCase(Locale.ROOT));
        int connections = Integer.parseInt(System.getProperty("trialbench.seed.measure.connections", "2"));
        SeedConfig config = SeedConfig.of(42, scale, Instant.parse("2025-03-01T12:00:00Z"));
        for (String format : System.getProperty("trialbench.seed.measure.formats", "BINARY").split(",")) {
            for (String keysAfterLoad : System.getProperty("trialbench.seed.measure.keysAfterLoad", "true").split(",")) {
                seedAndLog(config, state, connections, CopyBuffer.Format.valueOf(format.strip().toUpperCase(Locale.ROOT)),
                        Boolean.parseBoolean(keysAfterLoad.strip()));
            }
        }
        String pgbenchScales = System.getProperty("trialbench.seed.measure.pgbench", Long.toString(Math.max(1, Math.round(32 * scale))));
        for (String pgbenchScale : pgbenchScales.split(",")) {
            runPgbenchForComparison(Long.parseLong(pgbenchScale.strip()));
        }
    }

    private static void seedAndLog(SeedConfig config, State state, int connections, CopyBuffer.Format format,
                                   boolean keysAfterLoad) {
        try (HikariDataSource dataSource = SeededDatabases.fresh(state, "seed_measure")) {
            SeedSummary summary = new Seeder(connections, format, keysAfterLoad).seed(dataSource, config, SeedProgress.terminal());
            LOG.info("Seeded {} at scale {} in the {} state on {} connection(s), COPY format {}, foreign keys {}",
                    JdbcUrls.mask(dataSource.getJdbcUrl()), config.scale(), state, connections, format,
                    summary.foreignKeyCheckDuration() == null ? "row by row"
                            : "after the load (" + summary.foreignKeyCheckDuration().toMillis() + " ms)");
            for (SeedSummary.TableLoad load : summary.tables()) {
                LOG.info("{}: {} rows, COPY {} MB, heap {} MB, {} ms (generating {} ms, server {} ms), indexes {}",
                        load.table().tableName(), load.rows(), load.copyBytes() / 1_000_000, load.heapBytes() / 1_000_000,
                        load.copyDuration().toMillis(), load.generateDuration().toMillis(), load.serverDuration().toMillis(),
                        load.indexDuration() == null ? "row by row" : load.indexDuration().toMillis() + " ms after the COPY");
            }
            LOG.info("seeder ({}, keys after load {}): heap {} MB; load {} ms, vacuum {} ms, total {} ms: {} heap MB/s", format,
                    keysAfterLoad, summary.totalHeapBytes() / 1_000_000, summary.loadDuration().toMillis(),
                    summary.vacuumDuration().toMillis(), summary.duration().toMillis(),
                    String.format(Locale.ROOT, "%.1f", summary.heapMegabytesPerSecond()));
            assertThat(summary.totalRows()).isEqualTo(SeedPlan.of(config).rowCounts().values().stream()
                    .mapToLong(Long::longValue).sum());
        }
    }

    /** pgbench -i -I dtgv on a fresh database of the same server; its heap MB/s over its own total time. */
    private static void runPgbenchForComparison(long pgbenchScale) throws IOException, InterruptedException {
        ProvisionedDatabase server = TestPostgres.server();
        try (HikariDataSource scratch = TestPostgres.freshDatabase("seed_pgbench", 1)) {
            String database = SeededDatabases.queryString(scratch, "SELECT current_database()");
            URI uri = URI.create(server.jdbcUrl().substring("jdbc:".length()));
            List<String> command = List.of("pgbench", "-i", "-I", "dtgv", "-q", "-s", Long.toString(pgbenchScale),
                    "-h", uri.getHost(), "-p", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                    "-U", server.username(), database);
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                LOG.info("pgbench not found on the PATH: no comparison");
                return;
            }
            long start = System.nanoTime();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = SeededDatabases.queryLong(scratch, "SELECT sum(pg_relation_size(oid)) FROM pg_class"
                    + " WHERE relname LIKE 'pgbench%' AND relkind = 'r'");
            String done = output.lines().filter(line -> line.startsWith("done in")).findFirst().orElse(output.strip());
            LOG.info("pgbench -i -s {}: heap {} MB; {} (wall {} s): {} heap MB/s over its wall time", pgbenchScale,
                    heap / 1_000_000, done, String.format(Locale.ROOT, "%.2f", seconds),
                    String.format(Locale.ROOT, "%.1f", heap / 1e6 / seconds));
        }
    }
}
