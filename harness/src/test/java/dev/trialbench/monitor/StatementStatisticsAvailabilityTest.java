package dev.trialbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationSql;
import dev.trialbench.testing.TestPostgres;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server without pg_stat_statements (here: the extension dropped in a test database): the start of
 * a run can say what is missing and what to set, readers say "not collected" instead of zeros, and
 * "still scanning after the migrations" comes from the plans.
 */
class StatementStatisticsAvailabilityTest {

    @Test
    void withoutTheExtensionTheWarningSaysWhatToRunAndReadersSayNotCollected() {
        try (HikariDataSource database = TestPostgres.after("no_statements", 2)) {
            Monitor monitor = new Monitor(database);
            assertThat(monitor.ensureStatementStatistics().usable()).isTrue();
            assertThat(monitor.statementStatisticsAvailability().warning()).isEmpty();
            MonitorFixtures.execute(database, "DROP EXTENSION pg_stat_statements");

            StatementStatisticsAvailability availability = monitor.statementStatisticsAvailability();
            StatementStatisticsReading reading = monitor.readStatementStatistics(null, 10);

            assertThat(availability.extensionInstalled()).isFalse();
            assertThat(availability.libraryPreloaded()).as("the embedded server preloads it").isTrue();
            assertThat(availability.collected()).isFalse();
            assertThat(availability.warning()).hasValueSatisfying(warning -> assertThat(warning)
                    .contains("CREATE EXTENSION pg_stat_statements")
                    .contains("The run goes on without them")
                    .contains("not collected")
                    .doesNotContain("shared_preload_libraries ="));
            assertThat(reading.collected()).isFalse();
            assertThat(reading.reason()).contains("not installed");
            assertThat(reading.statements()).isEmpty();
            assertThat(reading.totalsFor("LATEST_CARD")).as("not collected, not zero").isEmpty();
        }
    }

    @Test
    void aLibraryNotPreloadedIsNamedWithTheSettingToAdd() {
        StatementStatisticsAvailability neither = new StatementStatisticsAvailability(false, false, false,
                "The pg_stat_statements extension is not installed in this database.");

        assertThat(neither.warning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains("shared_preload_libraries = 'pg_stat_statements'")
                .contains("restart the server")
                .contains("then run CREATE EXTENSION pg_stat_statements"));
    }

    @Test
    void collectedStatisticsGiveZeroCallsOnlyForAStatementThatNeverRan() {
        try (HikariDataSource database = TestPostgres.after("statements_totals", 2)) {
            Monitor monitor = new Monitor(database);
            assertThat(monitor.ensureStatementStatistics().usable()).isTrue();
            monitor.resetStatementStatistics();

            StatementStatisticsReading reading = monitor.readStatementStatistics(null, 100);

            assertThat(reading.collected()).isTrue();
            assertThat(reading.totalsFor("LATEST_CARD")).hasValueSatisfying(totals -> {
                assertThat(totals.calls()).isZero();
                assertThat(totals.meanExecTimeMs()).isEmpty();
            });
        }
    }

    @Test
    void plansTellWhichStatementStillScansWithoutStatementStatistics() {
        try (HikariDataSource database = TestPostgres.after("plans_without_statements", 2)) {
            MonitorFixtures.execute(database, "DROP EXTENSION IF EXISTS pg_stat_statements");
            // Rows the planner has statistics for (on an empty table any plan is as cheap as another).
            MonitorFixtures.insertUsersWithReports(database, 500, 0);
            MonitorFixtures.execute(database, """
                    INSERT INTO payment_verifications (verification_id, user_id, card_fingerprint, verification_status)
                    SELECT gen_random_uuid(), u.user_id, 'card-' || g || '-' || u.email, 'verified'
                    FROM users u CROSS JOIN generate_series(1, 10) g""");
            MonitorFixtures.execute(database, "ANALYZE payment_verifications");

            var scans = PlanScans.of(database, Map.of("LATEST_CARD", ActivationSql.LATEST_CARD,
                    "DEVICE", ActivationSql.DEVICE), Map.of("userId", UUID.randomUUID(), "fingerprint", "fp"));

            assertThat(scans).as(scans.toString()).extracting(PlanScans.StatementScans::error).containsOnlyNulls();
            assertThat(PlanScans.stillScanning(scans)).as(scans.toString()).extracting(PlanScans.StatementScans::statement)
                    .containsExactly("LATEST_CARD");
            assertThat(PlanScans.stillScanning(scans).get(0).scansFor("payment_verifications", "user_id")).isTrue();
        }
    }
}
