package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each migration fault on a scratch database at BEFORE: the promised outcome, the schema as promised. */
class MigrationFaultsTest {

    @Test
    void anInvalidIndexLeftByAnInterruptedBuildIsFoundByTheMonitorAndRebuiltByARerun() {
        try (HikariDataSource dataSource = TestPostgres.before("fault_invalid_index", 3)) {
            MigrationFaultResult result = MigrationFaults.invalidIndex(dataSource);

            assertThat(result.outcome()).contains("monitor found INVALID idx_device_fingerprints_hash", "rebuilt it valid");
            assertThat(result.schemaUnchanged()).isTrue();
            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void orphanRowsAreRefusedWithTableAndCountAndTheSchemaUnchanged() {
        try (HikariDataSource dataSource = TestPostgres.before("fault_orphans", 3)) {
            MigrationFaultResult result = MigrationFaults.orphanRows(dataSource);

            assertThat(result.message()).contains("free_trial_tokens: 3 rows violate fk_free_trial_tokens_user_id",
                    "login_sessions: 2 rows violate fk_login_sessions_user_id", "Nothing was changed");
            assertThat(result.schemaUnchanged()).isTrue();
            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void duplicatedFingerprintsAreRefusedBeforeAnythingIsBuiltWithTheCountsAndTheWayOut() {
        try (HikariDataSource dataSource = TestPostgres.before("fault_duplicates", 3)) {
            MigrationFaultResult result = MigrationFaults.duplicatedFingerprints(dataSource);

            assertThat(result.message()).contains("2 fingerprint_hash value(s) on more than one row (6 rows, 4 more than one per hash)",
                    "Nothing was changed", "Merge them").doesNotContain("duplicated-hash-");
            assertThat(result.schemaUnchanged()).isTrue();
            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void runAllGivesOnePassingResultPerCase() {
        List<MigrationFaultResult> results = MigrationFaults.runAll(() -> TestPostgres.before("fault_all", 3));
        assertThat(results).extracting(MigrationFaultResult::faultCase)
                .containsExactly("invalid-index", "orphan-rows", "duplicated-fingerprints");
        assertThat(results).allMatch(MigrationFaultResult::passed);
    }
}
