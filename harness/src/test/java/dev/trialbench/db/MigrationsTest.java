package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations.SchemaState;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The two schema states and the moves between them, judged by what the catalog says afterwards
 * (columns, index definitions, constraint definitions and whether they are validated), never by
 * what the migration runner reports about itself. Each test gets a database of its own.
 */
class MigrationsTest {

    /** The report's Fix 2 indexes (V3_1 to V3_13). */
    static final List<String> V3_INDEXES = List.of(
            "idx_users_google_id", "idx_users_password_hash",
            "idx_free_trial_tokens_user_id", "idx_free_trial_tokens_status",
            "idx_device_fingerprints_hash", "idx_device_fingerprints_user",
            "idx_fraud_flags_user_fingerprint", "idx_login_sessions_ip_time",
            "idx_payment_verifications_card", "idx_ascora_jobs_org_status",
            "idx_ascora_customers_org_email", "idx_reports_user_created", "idx_reports_covering");

    /** The report's Fix 5 constraints (V4_1, validated by V4_2). */
    static final List<String> V4_CONSTRAINTS = List.of(
            "fk_free_trial_tokens_user_id", "fk_device_fingerprints_user_id", "fk_trial_fraud_flags_user_id",
            "fk_trial_usage_token_id", "fk_trial_usage_user_id", "fk_payment_verifications_user_id",
            "fk_login_sessions_user_id", "check_reports_remaining", "check_total_cost_positive",
            "check_fraud_score_range");

    @Test
    void revertingFromAfterGivesTheBeforeCatalogBack() {
        try (HikariDataSource dataSource = TestPostgres.before("roundtrip", 3)) {
            Migrations migrations = new Migrations(dataSource);
            CatalogSnapshot before = CatalogSnapshot.of(dataSource);

            migrations.migrateToAfter();
            CatalogSnapshot after = CatalogSnapshot.of(dataSource);
            migrations.revertToBefore();

            assertThat(after.differencesFrom(before)).as("what the migration added, to be reverted")
                    .hasSize(V3_INDEXES.size() + V4_CONSTRAINTS.size())
                    .allMatch(line -> line.startsWith("+ "));
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(before)).isEmpty();
            assertThat(migrations.state()).isEqualTo(SchemaState.BEFORE);
        }
    }

    @Test
    void afterHasEveryReportIndexValidAndEveryConstraintValidated() {
        try (HikariDataSource dataSource = TestPostgres.after("after_catalog", 3)) {
            assertThat(strings(dataSource, """
                    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE c.relname LIKE 'idx\\_%' AND i.indisvalid AND i.indisready""")).containsExactlyInAnyOrderElementsOf(V3_INDEXES);
            assertThat(strings(dataSource, "SELECT pg_get_indexdef('idx_device_fingerprints_hash'::regclass)"))
                    .singleElement().asString()
                    .startsWith("CREATE UNIQUE INDEX idx_device_fingerprints_hash ON public.device_fingerprints")
                    .endsWith("(fingerprint_hash)");
            assertThat(strings(dataSource, "SELECT conname FROM pg_constraint WHERE convalidated AND conname = ANY (?)",
                    V4_CONSTRAINTS)).containsExactlyInAnyOrderElementsOf(V4_CONSTRAINTS);
            assertThat(invalidIndexes(dataSource)).isEmpty();
            assertThat(strings(dataSource, "SELECT conname FROM pg_constraint WHERE NOT convalidated")).isEmpty();
        }
    }

    @Test
    void migratingAgainToTheStateAlreadyReachedAppliesNothing() {
        try (HikariDataSource dataSource = TestPostgres.freshDatabase("rerun", 3)) {
            Migrations migrations = new Migrations(dataSource);
            assertThat(migrations.state()).isEqualTo(SchemaState.EMPTY);
            assertThat(migrations.migrateToBefore()).extracting(Migrations.Applied::version).containsExactly("1");
            CatalogSnapshot atBefore = CatalogSnapshot.of(dataSource);

            assertThat(migrations.migrateToBefore()).isEmpty();
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(atBefore)).isEmpty();
            assertThat(migrations.state()).isEqualTo(SchemaState.BEFORE);

            List<String> started = new ArrayList<>();
            List<String> ended = new ArrayList<>();
            List<Migrations.Applied> applied = migrations.migrateToAfter(new Migrations.StepWatcher() {
                @Override
                public void started(String version) {
                    started.add(version);
                }

                @Override
                public void ended(String version) {
                    ended.add(version);
                }
            });
            assertThat(applied).hasSize(V3_INDEXES.size() + 2);
            assertThat(started).as("the step watcher sees every step start and end, in order")
                    .isEqualTo(applied.stream().map(Migrations.Applied::version).toList()).isEqualTo(ended);
            CatalogSnapshot atAfter = CatalogSnapshot.of(dataSource);
            long historyRows = count(dataSource, "SELECT count(*) FROM flyway_schema_history");

            assertThat(migrations.migrateToAfter()).isEmpty();
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(atAfter)).isEmpty();
            assertThat(count(dataSource, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(historyRows);
            assertThat(migrations.state()).isEqualTo(SchemaState.AFTER);
        }
    }

    @Test
    void migratingToBeforeFromAfterIsRefusedWithTheWayBack() {
        try (HikariDataSource dataSource = TestPostgres.after("before_from_after", 3)) {
            CatalogSnapshot atAfter = CatalogSnapshot.of(dataSource);

            assertThatThrownBy(() -> new Migrations(dataSource).migrateToBefore())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("AFTER")
                    .hasMessageContaining("revertToBefore()");
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(atAfter)).isEmpty();
        }
    }

    @Test
    void orphanRowsStopTheConstraintsWithTheirCountsAndLeaveTheSchemaAsItWas() {
        try (HikariDataSource dataSource = TestPostgres.before("orphans", 3)) {
            Migrations migrations = new Migrations(dataSource);
            execute(dataSource, """
                    INSERT INTO users (user_id, email)
                    SELECT ('00000000-0000-0000-0000-00000000000' || i)::uuid, 'user' || i || '@example.test'
                    FROM generate_series(1, 2) AS i""", """
                    INSERT INTO free_trial_tokens (token_id, user_id, status, expires_at, reports_remaining)
                    SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'active', now() + interval '7 days', 3
                    FROM generate_series(1, 2)""", """
                    INSERT INTO free_trial_tokens (token_id, user_id, status, expires_at, reports_remaining)
                    SELECT gen_random_uuid(), gen_random_uuid(), 'active', now() + interval '7 days', 3
                    FROM generate_series(1, 3)""", """
                    INSERT INTO login_sessions (session_id, user_id, ip_address)
                    VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000002', '10.0.0.1'),
                           (gen_random_uuid(), gen_random_uuid(), '10.0.0.2'),
                           (gen_random_uuid(), gen_random_uuid(), '10.0.0.3')""");
            CatalogSnapshot beforeAttempt = CatalogSnapshot.of(dataSource);

            assertThatThrownBy(migrations::migrateToAfter)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("free_trial_tokens: 3 rows violate fk_free_trial_tokens_user_id")
                    .hasMessageContaining("login_sessions: 2 rows violate fk_login_sessions_user_id")
                    .hasMessageNotContaining("device_fingerprints")
                    .hasMessageContaining("Delete or fix the offending rows");

            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(beforeAttempt)).isEmpty();
            assertThat(strings(dataSource, "SELECT conname FROM pg_constraint WHERE conname = ANY (?)", V4_CONSTRAINTS)).isEmpty();
            assertThat(migrations.state()).isEqualTo(SchemaState.BEFORE);
            assertThat(count(dataSource, "SELECT count(*) FROM free_trial_tokens")).as("no row touched").isEqualTo(5);

            execute(dataSource,
                    "DELETE FROM free_trial_tokens t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = t.user_id)",
                    "DELETE FROM login_sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id)");
            migrations.migrateToAfter();

            assertThat(migrations.state()).isEqualTo(SchemaState.AFTER);
            assertThat(strings(dataSource, "SELECT conname FROM pg_constraint WHERE convalidated AND conname = ANY (?)",
                    V4_CONSTRAINTS)).containsExactlyInAnyOrderElementsOf(V4_CONSTRAINTS);
        }
    }

    /**
     * V4_2's path: a row that slipped in after V4_1's check (here: written by a trigger on Flyway's
     * history table the moment V4_1 is recorded, with foreign-key triggers off, as a replica would)
     * makes VALIDATE fail, and the runner must drop the NOT VALID constraints again.
     */
    @Test
    void aConstraintThatFailsValidationIsDroppedAgainAndTheSchemaLeftAsItWas() {
        try (HikariDataSource dataSource = TestPostgres.before("validate_fails", 3)) {
            assumeTrue(strings(dataSource, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").equals(List.of("true")),
                    "session_replication_role needs a superuser");
            Migrations migrations = new Migrations(dataSource);
            CatalogSnapshot beforeAttempt = CatalogSnapshot.of(dataSource);
            execute(dataSource, """
                    CREATE FUNCTION test_orphan_after_v4_1() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        PERFORM set_config('session_replication_role', 'replica', true);
                        INSERT INTO login_sessions (session_id, user_id) VALUES (gen_random_uuid(), gen_random_uuid());
                        PERFORM set_config('session_replication_role', 'origin', true);
                        RETURN NULL;
                    END $$""", """
                    CREATE TRIGGER orphan_after_v4_1 AFTER INSERT ON flyway_schema_history
                    FOR EACH ROW WHEN (NEW.version = '4.1' AND NEW.success) EXECUTE FUNCTION test_orphan_after_v4_1()""");

            assertThatThrownBy(migrations::migrateToAfter)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("fk_login_sessions_user_id")
                    .hasMessageContaining("23503");

            assertThat(strings(dataSource, "SELECT conname FROM pg_constraint WHERE conname = ANY (?)", V4_CONSTRAINTS)).isEmpty();
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(beforeAttempt)).isEmpty();
            assertThat(migrations.state()).isEqualTo(SchemaState.BEFORE);

            execute(dataSource, "DROP TRIGGER orphan_after_v4_1 ON flyway_schema_history", "DROP FUNCTION test_orphan_after_v4_1()",
                    "DELETE FROM login_sessions");
            migrations.migrateToAfter();
            assertThat(migrations.state()).isEqualTo(SchemaState.AFTER);
        }
    }

    @Test
    void duplicatedFingerprintsStopTheUniqueIndexAndLeaveNoInvalidIndex() {
        try (HikariDataSource dataSource = TestPostgres.before("duplicate_hash", 3)) {
            Migrations migrations = new Migrations(dataSource);
            execute(dataSource, """
                    INSERT INTO device_fingerprints (fingerprint_id, fingerprint_hash)
                    VALUES ('00000000-0000-0000-0000-00000000000a', 'hash-duplicated'),
                           ('00000000-0000-0000-0000-00000000000b', 'hash-duplicated'),
                           ('00000000-0000-0000-0000-00000000000c', 'hash-single')""");
            CatalogSnapshot beforeAttempt = CatalogSnapshot.of(dataSource);

            assertThatThrownBy(migrations::migrateToAfter)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("Refusing to build the unique index idx_device_fingerprints_hash")
                    .hasMessageContaining("1 fingerprint_hash value(s) on more than one row (2 rows, 1 more than one per hash)")
                    .hasMessageContaining("Nothing was changed")
                    .hasMessageNotContaining("hash-duplicated");

            assertThat(invalidIndexes(dataSource)).isEmpty();
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(beforeAttempt)).isEmpty();
            assertThat(migrations.state()).isEqualTo(SchemaState.BEFORE);

            execute(dataSource, "DELETE FROM device_fingerprints WHERE fingerprint_id = '00000000-0000-0000-0000-00000000000b'");
            migrations.migrateToAfter();

            assertThat(migrations.state()).isEqualTo(SchemaState.AFTER);
            assertThat(invalidIndexes(dataSource)).isEmpty();
            assertThat(strings(dataSource, "SELECT indexrelid::regclass::text FROM pg_index WHERE indisunique AND indisvalid"
                    + " AND indrelid = 'device_fingerprints'::regclass AND NOT indisprimary"))
                    .containsExactly("idx_device_fingerprints_hash");
        }
    }

    static List<String> invalidIndexes(DataSource dataSource) {
        return strings(dataSource, "SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid OR NOT indisready");
    }

    static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture failed: " + e.getMessage(), e);
        }
    }

    static long count(DataSource dataSource, String sql) {
        return Long.parseLong(strings(dataSource, sql).get(0));
    }

    /** The first column of every row; a {@code ?} takes {@code names} as a text array. */
    static List<String> strings(DataSource dataSource, String sql, List<String> names) {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", names.toArray()));
            return firstColumn(statement.executeQuery());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static List<String> strings(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return firstColumn(statement.executeQuery(sql));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<String> firstColumn(ResultSet rows) throws SQLException {
        try (rows) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
