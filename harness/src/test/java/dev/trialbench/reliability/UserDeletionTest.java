package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations;
import dev.trialbench.monitor.ForeignKeyFinding;
import dev.trialbench.monitor.Monitor;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.Seeder;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Deleting one seeded user before and after Fix 5, in a transaction rolled back: before, the rows
 * that referenced the user stay behind as orphans and only users and reports are locked; after, the
 * cascades delete them, lock every referencing table and scan the tables no index serves. The
 * owner of reports cannot be deleted on either schema. The index audit names the foreign keys
 * without a supporting index. Asserts rows, lock modes, scan counts and SQLStates, never timings.
 */
class UserDeletionTest {

    @Test
    void fix5CascadesScanTheUnindexedTablesAndLeaveNoOrphansWhereBeforeLeftThemAll() {
        try (HikariDataSource database = TestPostgres.before("user_deletion", 3)) {
            new Seeder().seed(database, SeedConfig.of(42, 0.01, Instant.parse("2025-03-01T12:00:00Z")), SeedProgress.none());

            UserDeletion before = UserDeletion.run(database);
            new Migrations(database).migrateToAfter();
            UserDeletion after = UserDeletion.run(database);

            assertThat(before.schema()).isEqualTo("before");
            assertThat(after.schema()).isEqualTo("after");
            UserDeletion.Case was = before.of(UserDeletion.MOST_SESSIONS);
            UserDeletion.Case is = after.of(UserDeletion.MOST_SESSIONS);
            long sessions = was.dependentRows().get("login_sessions.user_id");
            assertThat(sessions).isGreaterThan(1);
            assertThat(is.dependentRows()).isEqualTo(was.dependentRows());

            assertThat(was.deleted()).isTrue();
            assertThat(was.leftBehind().get("login_sessions.user_id")).isEqualTo(sessions);
            assertThat(was.orphans()).isPositive();
            assertThat(was.locks()).extracting(UserDeletion.Lock::relation).doesNotContain("login_sessions");
            assertThat(was.table("login_sessions")).isEmpty();

            assertThat(is.deleted()).isTrue();
            assertThat(is.orphans()).isZero();
            assertThat(is.locks()).contains(new UserDeletion.Lock("login_sessions", "table", "RowExclusiveLock"),
                    new UserDeletion.Lock("payment_verifications", "table", "RowExclusiveLock"),
                    new UserDeletion.Lock("device_fingerprints", "table", "RowExclusiveLock"));
            assertThat(is.triggers()).filteredOn(trigger -> trigger.constraint().equals("fk_login_sessions_user_id"))
                    .singleElement().satisfies(trigger -> assertThat(trigger.calls()).isEqualTo(1));
            assertThat(is.table("login_sessions")).hasValueSatisfying(table -> {
                assertThat(table.seqScans()).isPositive();
                assertThat(table.indexScans()).isZero();
                assertThat(table.rowsDeleted()).isEqualTo(sessions);
            });
            assertThat(is.table("device_fingerprints")).hasValueSatisfying(table ->
                    assertThat(table.rowsUpdated()).isEqualTo(was.dependentRows().get("device_fingerprints.user_id")));

            String json = assertDoesNotThrow(() -> new ObjectMapper().writeValueAsString(after), "a JSON writer serialises it");
            assertThat(json).contains("\"constraint\":\"fk_login_sessions_user_id\"");
            System.out.println("user deletion, before: " + before);
            System.out.println("user deletion, after: " + json);

            for (UserDeletion run : new UserDeletion[] {before, after}) {
                UserDeletion.Case owner = run.of(UserDeletion.MOST_REPORTS);
                assertThat(owner.deleted()).isFalse();
                assertThat(owner.sqlState()).isEqualTo("23503");
                assertThat(owner.blockedBy()).isEqualTo("reports_created_by_user_id_fkey");
            }
        }
    }

    @Test
    void indexAuditNamesTheForeignKeysNoIndexStartsWith() {
        try (HikariDataSource database = TestPostgres.after("fk_audit", 3)) {
            assertThat(new Monitor(database).foreignKeysWithoutIndex())
                    .extracting(finding -> finding.table() + "." + String.join(",", finding.columns()))
                    .containsExactlyInAnyOrder("login_sessions.user_id", "payment_verifications.user_id",
                            "trial_usage.token_id", "trial_usage.user_id", "trial_fraud_flags.user_id",
                            "reports.created_by_user_id");
            assertThat(new Monitor(database).foreignKeysWithoutIndex())
                    .filteredOn(finding -> finding.table().equals("trial_fraud_flags")).singleElement()
                    .satisfies(finding -> {
                        assertThat(finding.constraint()).isEqualTo("fk_trial_fraud_flags_user_id");
                        assertThat(finding.onDelete()).isEqualTo("CASCADE");
                        assertThat(finding.partialIndexes()).singleElement().asString()
                                .startsWith("idx_fraud_flags_user_fingerprint WHERE ");
                    });
        }
    }

    @Test
    void indexAuditFindsOnlyTheBaselinesForeignKeyBeforeTheMigrations() {
        try (HikariDataSource database = TestPostgres.before("fk_audit_before", 3)) {
            assertThat(new Monitor(database).foreignKeysWithoutIndex()).extracting(ForeignKeyFinding::constraint)
                    .containsExactly("reports_created_by_user_id_fkey");
        }
    }
}
