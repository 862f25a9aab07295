package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.seed.SeededDatabases.State;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The seeded rows of seed 42 at scale 0.01 (anchor 2025-03-01T12:00Z) are exactly the rows the seeder
 * produced when these fingerprints were recorded: md5 over each table's rows as text, in primary-key
 * order, read with TimeZone UTC and DateStyle ISO so that the text does not depend on the session.
 * The expected values were computed on the seeder as it was before its speed work (text COPY, commit
 * fa0d9fa); a change that makes seeding faster must leave them as they are. A change that means to
 * change the data set updates them, and says so in its commit. The seeder's slower ways (text COPY,
 * foreign keys checked row by row) must load the same rows.
 */
class SeededRowsFingerprintTest {

    /** Recorded on the text-COPY seeder of commit fa0d9fa, before any speed change. */
    private static final Map<SeedTable, String> EXPECTED = expected();

    @Test
    void seededRowsMatchTheRecordedFingerprints() {
        Map<SeedTable, String> actual = fingerprints(SeededDatabases.seeded(State.BEFORE, SeededDatabases.SEED, 0).dataSource());
        assertThat(new TreeMap<>(actual)).isEqualTo(new TreeMap<>(EXPECTED));
    }

    @Test
    void afterStateHoldsTheSameRows() {
        assertThat(fingerprints(SeededDatabases.seeded(State.AFTER, SeededDatabases.SEED, 0).dataSource()))
                .isEqualTo(EXPECTED);
    }

    @Test
    void textCopyWithForeignKeysCheckedRowByRowLoadsTheSameRows() {
        try (HikariDataSource dataSource = TestPostgres.before("seed_text_row_by_row", 2)) {
            SeedSummary summary = new Seeder(2, CopyBuffer.Format.TEXT, false)
                    .seed(dataSource, SeededDatabases.config(SeededDatabases.SEED), SeedProgress.none());
            assertThat(summary.copyFormat()).isEqualTo("text");
            assertThat(summary.foreignKeyCheckDuration()).isNull();
            assertThat(fingerprints(dataSource)).isEqualTo(EXPECTED);
        }
    }

    @Test
    void binaryCopyChecksTheForeignKeysAfterTheLoadWhenTheRoleMay() {
        SeedSummary summary = SeededDatabases.seeded(State.BEFORE, SeededDatabases.SEED, 0).summary();
        assertThat(summary.copyFormat()).isEqualTo("binary");
        assertThat(summary.foreignKeyCheckDuration()).isNotNull();
    }

    /** Per table: md5 of its rows' text joined by newlines, ordered by the primary key. */
    static Map<SeedTable, String> fingerprints(DataSource dataSource) {
        Map<SeedTable, String> fingerprints = new EnumMap<>(SeedTable.class);
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL TimeZone = 'UTC'");
            statement.execute("SET LOCAL DateStyle = 'ISO, YMD'");
            statement.execute("SET LOCAL extra_float_digits = 1");
            for (SeedTable table : SeedTable.values()) {
                String key = table.columns().substring(0, table.columns().indexOf(','));
                try (ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || md5(string_agg(t::text, E'\\n' ORDER BY t."
                        + key + ")) FROM " + table.tableName() + " t")) {
                    rows.next();
                    fingerprints.put(table, rows.getString(1));
                }
            }
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the fingerprints", e);
        }
        return fingerprints;
    }

    private static Map<SeedTable, String> expected() {
        Map<SeedTable, String> expected = new EnumMap<>(SeedTable.class);
        expected.put(SeedTable.USERS, "1000:cefb6e1d2d97652ac462c0deeb768aab");
        expected.put(SeedTable.FREE_TRIAL_TOKENS, "1000:677ed9de21710d1878d97cfd48f892c5");
        expected.put(SeedTable.DEVICE_FINGERPRINTS, "1000:e13c2f48dd805c66eb8b885a3934f8ce");
        expected.put(SeedTable.TRIAL_FRAUD_FLAGS, "500:c155a1bdf679c050f32292348697f568");
        expected.put(SeedTable.TRIAL_USAGE, "500:21edeff52f12b15d836b6b8279f1f3dd");
        expected.put(SeedTable.PAYMENT_VERIFICATIONS, "2000:7c07fd512fc80ded89f3410a25dc98e1");
        expected.put(SeedTable.LOGIN_SESSIONS, "10000:4fdd45d3e446c13424f39cf45ba7d955");
        expected.put(SeedTable.REPORTS, "5000:7fcdf26c3ffea98040220a36aa782959");
        expected.put(SeedTable.ASCORA_CUSTOMERS, "100:05dba452b20e31d2141691e379cb9191");
        expected.put(SeedTable.ASCORA_JOBS, "200:8eada4291a59c2e31c0874b79b13b31c");
        return expected;
    }
}
