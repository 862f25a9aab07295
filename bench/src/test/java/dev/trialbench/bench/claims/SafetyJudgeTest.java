package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetyJudgeTest {

    @Test
    void fullScanHoldsOnlyWhenThePlanSeqScansTheTable() {
        assertThat(SafetyJudge.seqScan("reports", List.of("reports"), "Seq Scan").verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudge.seqScan("reports", List.of(), "Index Scan").verdict()).isEqualTo(Verdict.FAILS);
    }

    @Test
    void indexScanHoldsWhenAnIndexReplacesTheSeqScan() {
        assertThat(SafetyJudge.indexScan("reports", List.of("idx_reports_user_created"), List.of(), "Index Scan").verdict())
                .isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudge.indexScan("reports", List.of("users_pkey"), List.of("reports"), "Seq Scan").verdict())
                .isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.indexScan("reports", List.of(), List.of(), "Result").reason()).contains("uses no index");
    }

    @Test
    void writersNotBlockedMeansNoTableLocksOnlyInThatSense() {
        Judgement judgement = SafetyJudge.noTableLocks(1843, 0, 38.2, 12.5);

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(judgement.reason()).contains("SHARE UPDATE EXCLUSIVE");
    }

    @Test
    void aFailedOrStalledWriterFailsNoTableLocks() {
        assertThat(SafetyJudge.noTableLocks(1800, 3, 38.2, 12.5).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.noTableLocks(1800, 0, 2500, 2400).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.noTableLocks(0, 0, 0, 0).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void aRerunThatAppliesNothingIsIdempotent() {
        assertThat(SafetyJudge.idempotent(0, List.of()).verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void aRerunThatAppliesMoreOrAnInvalidIndexFailsIdempotence() {
        assertThat(SafetyJudge.idempotent(2, List.of()).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.idempotent(0, List.of("idx_login_sessions_ip_time")).reason())
                .contains("IF NOT EXISTS skips an index of that name even when a failed concurrent build left it INVALID");
    }

    @Test
    void concurrentIndexBuildsCannotBeWrappedInATransaction() {
        Judgement judgement = SafetyJudge.transactionWrapping(List.of("V3.1", "V3.2"), 4);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).startsWith("2 of 4 migration steps build an index CONCURRENTLY")
                .contains("SQLSTATE 25001");
        assertThat(SafetyJudge.transactionWrapping(List.of(), 2).verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void downMigrationsHoldOnlyIfTheReportShipsThem() {
        assertThat(SafetyJudge.downMigrations(false, true).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.downMigrations(false, true).reason()).contains("revertToBefore");
        assertThat(SafetyJudge.downMigrations(true, false).verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void p95HoldsWhenEveryCellIsBelowTheLimitAndNamesTheMissingOnes() {
        Map<String, Double> p95 = new LinkedHashMap<>();
        p95.put("ActivationBenchmark.naive", 1.9);
        p95.put("ListingBenchmark.records1000", 49.9);

        Judgement judgement = SafetyJudge.p95Below(p95, List.of("ActivationBenchmark.batched"));

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(judgement.reason()).contains("49.9 ms").contains("not measured: ActivationBenchmark.batched");
    }

    @Test
    void p95FailsAtTheLimitAndNamesTheCell() {
        Judgement judgement = SafetyJudge.p95Below(Map.of("ListingBenchmark.records1000", 50.0), List.of());

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).contains("ListingBenchmark.records1000 50.0 ms");
        assertThat(SafetyJudge.p95Below(Map.of(), List.of("x")).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void indexHitRatioMustExceedNinetyFivePercent() {
        assertThat(SafetyJudge.indexHitRatio(0.9968).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudge.indexHitRatio(0.95).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.indexHitRatio(null).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void deadlocksAreJudgedForTheMeasuredWindowOnly() {
        Judgement none = SafetyJudge.zeroDeadlocks(0);

        assertThat(none.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(none.condition()).contains("measured window");
        assertThat(SafetyJudge.zeroDeadlocks(1).verdict()).isEqualTo(Verdict.FAILS);
    }

    @Test
    void rollbackRateIsRollbacksOverAllTransactions() {
        assertThat(SafetyJudge.rollbackRate(990, 9).verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(SafetyJudge.rollbackRate(990, 10).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudge.rollbackRate(990, 10).reason()).endsWith("1.00 %");
        assertThat(SafetyJudge.rollbackRate(0, 0).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void poolUtilizationIsLeftToTheLoadTest() {
        assertThat(SafetyJudge.poolUtilization().verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(SafetyJudge.poolUtilization().reason()).contains("load test");
    }

    @Test
    void aConditionGoesWithHoldsOnlyIfOnly() {
        assertThatThrownBy(() -> new Judgement(Verdict.HOLDS, "if", "reason")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Judgement(Verdict.HOLDS_ONLY_IF, null, "reason")).isInstanceOf(IllegalArgumentException.class);
    }
}
