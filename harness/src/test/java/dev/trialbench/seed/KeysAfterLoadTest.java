package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeder takes the tables' keys and indexes off and puts them back: the schema after seeding must
 * be the one the migrations made, in both states, and a failed load must leave it so too.
 */
class KeysAfterLoadTest {

    private static final List<SeedTable> ALL = Arrays.asList(SeedTable.values());
    private static final SeedConfig SMALL = SeedConfig.of(42, 0.01, Instant.parse("2025-03-01T12:00:00Z"));

    /** Every constraint, index and column nullability of the public schema, one sorted line each. */
    private static final String CATALOG = """
            SELECT string_agg(line, E'\\n' ORDER BY line) FROM (
              SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                     || ' validated=' || convalidated AS line
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              UNION ALL
              SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid || ' primary=' || i.indisprimary
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = 'public'::regnamespace
              UNION ALL
              SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' notnull=' || a.attnotnull
                FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
               WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ) AS catalog""";

    @Test
    void seedingLeavesTheSchemaOfTheMigrationsBefore() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("keys_before", 2)) {
            String migrated = catalog(dataSource);
            SeedSummary summary = new Seeder().seed(dataSource, SMALL, SeedProgress.none());

            assertThat(catalog(dataSource)).isEqualTo(migrated).contains("PRIMARY KEY (session_id)");
            assertThat(summary.foreignKeyCheckDuration()).isNotNull();
            assertThat(summary.tables()).allSatisfy(load -> assertThat(load.indexDuration()).isNotNull());
        }
    }

    @Test
    void seedingLeavesTheSchemaOfTheMigrationsAfter() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.after("keys_after", 2)) {
            String migrated = catalog(dataSource);
            new Seeder().seed(dataSource, SMALL, SeedProgress.none());

            assertThat(catalog(dataSource)).isEqualTo(migrated).contains("idx_login_sessions_ip_time");
        }
    }

    @Test
    void aViolatedForeignKeyIsNamedAndAFailedLoadPutsEverythingBack() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("keys_violation", 2);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            String migrated = catalog(dataSource);
            KeysAfterLoad keys = KeysAfterLoad.of(connection, ALL);
            assertThat(keys.definitions()).extracting(KeysAfterLoad.Definition::kind)
                    .contains(KeysAfterLoad.Kind.FOREIGN_KEY, KeysAfterLoad.Kind.INDEXED_CONSTRAINT);
            keys.dropAll(connection);
            assertThat(catalog(dataSource)).doesNotContain("PRIMARY KEY (session_id)", "REFERENCES users(user_id)");

            statement.execute("INSERT INTO reports (report_id, created_by_user_id, title)"
                    + " VALUES (gen_random_uuid(), gen_random_uuid(), 'orphan')");
            for (SeedTable table : ALL) {
                keys.restoreIndexes(connection, table);
            }
            assertThatThrownBy(() -> keys.restoreForeignKeys(connection))
                    .isInstanceOf(SeedException.class)
                    .hasMessageContaining("(1 rows of reports)");

            statement.execute("TRUNCATE reports");
            assertThat(keys.restoreMissing(connection)).isEmpty();
            assertThat(catalog(dataSource)).isEqualTo(migrated);
        }
    }

    @Test
    void aTableOwnedByTheRoleMayBeRebuiltAndOneOwnedByAnotherMayNot() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("keys_owner", 1);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(KeysAfterLoad.mayRebuild(connection, ALL)).isTrue();
            String role = "tb_keys_" + ProcessHandle.current().pid();
            statement.execute("DROP ROLE IF EXISTS " + role);
            statement.execute("CREATE ROLE " + role + " NOLOGIN");
            try {
                statement.execute("SET ROLE " + role);
                assertThat(KeysAfterLoad.mayRebuild(connection, ALL)).isFalse();
            } finally {
                statement.execute("RESET ROLE");
                statement.execute("DROP ROLE " + role);
            }
        }
    }

    private static String catalog(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(CATALOG)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
