package dev.trialbench.seed;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Databases seeded at scale 0.01, shared by the seed tests of one JVM so that each (schema state,
 * seed) pair is seeded once. Read-only for the tests that use them. Thread-safe (synchronized).
 */
final class SeededDatabases {

    static final double SCALE = 0.01;
    static final Instant ANCHOR = Instant.parse("2025-03-01T12:00:00Z");
    static final long SEED = 42;

    /** A schema state to seed in. */
    enum State { BEFORE, AFTER }

    /** A seeded database and what was seeded into it. */
    record Seeded(HikariDataSource dataSource, SeedPlan plan, SeedSummary summary) {
    }

    private static final Map<String, Seeded> SEEDED = new HashMap<>();

    private SeededDatabases() {
    }

    static SeedConfig config(long seed) {
        return SeedConfig.of(seed, SCALE, ANCHOR);
    }

    /** The database seeded with {@code seed} in {@code state}; {@code copy} tells apart two of the same. */
    static synchronized Seeded seeded(State state, long seed, int copy) {
        return SEEDED.computeIfAbsent(state + "/" + seed + "/" + copy, key -> {
            HikariDataSource dataSource = fresh(state, "seed_" + state + "_" + seed + "_" + copy);
            SeedConfig config = config(seed);
            SeedSummary summary = new Seeder().seed(dataSource, config, SeedProgress.none());
            return new Seeded(dataSource, SeedPlan.of(config), summary);
        });
    }

    static HikariDataSource fresh(State state, String purpose) {
        return state == State.BEFORE ? TestPostgres.before(purpose, 3) : TestPostgres.after(purpose, 3);
    }

    /** md5 over every row's text, in text order: equal exactly when the table contents are equal. */
    static Map<SeedTable, String> contentDigests(HikariDataSource dataSource) {
        Map<SeedTable, String> digests = new EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            digests.put(table, queryString(dataSource, "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM "
                    + table.tableName() + " t"));
        }
        return digests;
    }

    static long queryLong(HikariDataSource dataSource, String sql) {
        return dev.trialbench.testing.Sql.queryLong(dataSource, sql);
    }

    static String queryString(HikariDataSource dataSource, String sql) {
        return dev.trialbench.testing.Sql.queryString(dataSource, sql);
    }
}
