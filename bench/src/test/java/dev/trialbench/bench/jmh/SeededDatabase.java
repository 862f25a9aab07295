package dev.trialbench.bench.jmh;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.SeedTable;
import dev.trialbench.seed.Seeder;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Databases seeded at a tiny scale on the shared test server (TestPostgres), schema BEFORE. The
 * shared one is seeded once per test JVM; tests that activate on it must {@code reset()} after
 * themselves. Tests that migrate take a fresh one. Thread-safe (synchronized).
 */
final class SeededDatabase {

    static final double SCALE = 0.01;
    static final long SEED = 42;
    /** Now, as the pipeline does: the fraud check's 24-hour and 7-day windows then hold seeded rows. */
    static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** A seeded database and its data set. */
    record Seeded(HikariDataSource dataSource, SeedConfig config, SeedPlan plan) {
    }

    private static Seeded shared;

    private SeededDatabase() {
    }

    static synchronized Seeded shared() {
        if (shared == null) {
            shared = fresh("jmh_shared");
        }
        return shared;
    }

    /** A new database, migrated to BEFORE and seeded; the caller closes its pool. */
    static Seeded fresh(String purpose) {
        HikariDataSource dataSource = TestPostgres.before(purpose, 3);
        SeedConfig config = SeedConfig.of(SEED, SCALE, ANCHOR);
        new Seeder().seed(dataSource, config, SeedProgress.none());
        return new Seeded(dataSource, config, SeedPlan.of(config));
    }

    /** Rows per seeded table, read back with SQL. */
    static Map<SeedTable, Long> rowCounts(DataSource dataSource) {
        Map<SeedTable, Long> counts = new EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            counts.put(table, queryLong(dataSource, "SELECT count(*) FROM " + table.tableName()));
        }
        return counts;
    }

    static long queryLong(DataSource dataSource, String sql) {
        return dev.trialbench.testing.Sql.queryLong(dataSource, sql);
    }

    static void execute(DataSource dataSource, String sql) {
        dev.trialbench.testing.Sql.execute(dataSource, sql);
    }
}
