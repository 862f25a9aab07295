package dev.trialbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationSql;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.Seeder;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fix 6's monitor, run as the report writes it after a workload on a seeded, migrated database:
 * analyzeSlowQueries cannot run as written on PostgreSQL 13+ (42703) and runs with the new names;
 * findMissingIndexes runs as written; the plans show which statement still scans after Fix 2 (the
 * latest card per user, on payment_verifications.user_id) and the record says whether the monitor
 * names it. Asserts SQLStates, plans and catalog rows, never timings.
 */
class ReportMonitorCheckTest {

    @Test
    void theReportsMonitorIsJudgedAgainstWhatThePlansStillScan() throws Exception {
        try (HikariDataSource database = TestPostgres.after("report_monitor", 3)) {
            SeedConfig config = SeedConfig.of(42, 0.01, Instant.parse("2025-03-01T12:00:00Z"));
            new Seeder().seed(database, config, SeedProgress.none());
            SeedPlan plan = SeedPlan.of(config);
            Monitor monitor = new Monitor(database);
            assertThat(monitor.ensureStatementStatistics().usable()).isTrue();
            monitor.resetStatementStatistics();
            workload(database, plan);

            ReportMonitorCheck check = ReportMonitorCheck.run(database, activationReads(), values(database, plan));
            System.out.println("report monitor: " + new ObjectMapper().writeValueAsString(check));

            assertThat(check.analyzeSlowQueries().asWrittenSqlState()).isEqualTo("42703");
            assertThat(check.analyzeSlowQueries().ranAs()).isEqualTo("with PostgreSQL 13 names");
            assertThat(check.stillScanning()).extracting(PlanScans.StatementScans::statement).contains("LATEST_CARD");
            assertThat(check.lacks()).filteredOn(lack -> lack.statement().equals("LATEST_CARD")).singleElement()
                    .satisfies(lack -> {
                        assertThat(lack.table()).isEqualTo("payment_verifications");
                        assertThat(lack.column()).isEqualTo("user_id");
                        assertThat(lack.namedByFindMissingIndexes()).isEqualTo(Sql.queryLong(database, """
                                SELECT count(*) FROM pg_stats WHERE schemaname = 'public'
                                  AND tablename = 'payment_verifications' AND attname = 'user_id'
                                  AND n_distinct > 100 AND correlation < 0.1""") == 1);
                    });
            assertThat(check.stillScanning()).flatExtracting(PlanScans.StatementScans::seqScans)
                    .extracting(PlanScans.SeqScan::filter).as("no sample value in the record")
                    .allSatisfy(filter -> assertThat(filter).doesNotContain("'"));
            assertThat(check.findMissingIndexes()).allSatisfy(row -> {
                assertThat(row.nDistinct()).isGreaterThan(100);
                assertThat(row.correlation()).isLessThan(0.1);
            });
        }
    }

    static Map<String, String> activationReads() {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String name : List.of("FIND_USER", "USER_TRIALS", "LATEST_CARD", "CARD_USERS", "DEVICE", "IP_SESSIONS",
                "OPEN_FLAGS", "ALL_FRAUD_SIGNALS")) {
            reads.put(name, ActivationSql.byName().get(name));
        }
        return reads;
    }

    static Map<String, Object> values(HikariDataSource database, SeedPlan plan) {
        Map<String, Object> values = new HashMap<>();
        values.put("userId", plan.activeUser(1));
        values.put("fingerprint", plan.existingFingerprint(1));
        values.put("ip", plan.busyIp(0));
        values.put("card", Sql.queryString(database,
                "SELECT card_fingerprint FROM payment_verifications ORDER BY verification_id LIMIT 1"));
        return values;
    }

    /** A few activations on both paths, on reserved users and devices. */
    private static void workload(HikariDataSource database, SeedPlan plan) {
        NaiveActivation naive = new NaiveActivation(Jdbis.create(database));
        BatchedActivation batched = new BatchedActivation(Jdbis.create(database));
        for (int i = 0; i < 20; i++) {
            ActivationRequest request = new ActivationRequest(plan.reservedUser(i).toString(), plan.reservedFingerprint(i),
                    Map.of("os", "linux"), plan.busyIp(i % plan.busyIpCount()));
            (i % 2 == 0 ? naive : batched).activate(request);
        }
    }
}
