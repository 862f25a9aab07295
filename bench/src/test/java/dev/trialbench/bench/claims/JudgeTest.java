package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeTest {

    @Test
    void roundTripsHoldWhenPartAndWholeMatch() {
        Judgement judgement = Judge.roundTrips(6, 6, "naive fraud check", 6, "naive activation", "writes");

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void roundTripsHoldOnlyForThePartWhenTheWholeMakesMore() {
        Judgement judgement = Judge.roundTrips(6, 6, "naive fraud check", 9, "naive activation", "writes");

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(judgement.condition()).isEqualTo("counted for the naive fraud check alone");
        assertThat(judgement.reason()).contains("makes 9");
    }

    @Test
    void roundTripsFailWhenThePartMakesAnotherCount() {
        Judgement judgement = Judge.roundTrips(1, 2, "batched fraud check", 5, "batched activation", "writes");

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).isEqualTo("the batched fraud check makes 2 round trips, not 1");
    }

    @Test
    void roundTripsAreNotJudgedWithoutACount() {
        assertThat(Judge.roundTrips(6, Double.NaN, "naive fraud check", 9, "naive activation", "writes").verdict())
                .isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void anApproximateFigureHoldsWithinTheTolerance() {
        Judgement judgement = Judge.approximately(120, 140, 9, 0.05);

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(judgement.reason()).isEqualTo("measured 140 ms, within 25 % of the report's ~120 ms");
    }

    @Test
    void anApproximateFigureFailsFarBelowAndGivesTheLatencyItWouldNeed() {
        Judgement judgement = Judge.approximately(120, 3, 9, 0.05);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).startsWith("measured 3.00 ms, 40.0x below the report's ~120 ms")
                .contains("estimate, not measured: its figure needs about 13.0 ms per round trip ((120 - 3.00) / 9 round trips)")
                .contains("against 0.050 ms measured here");
    }

    @Test
    void anApproximateFigureFailsAboveWithoutALatencyEstimate() {
        Judgement judgement = Judge.approximately(10, 30, Double.NaN, Double.NaN);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).isEqualTo("measured 30.0 ms, 3.00x above the report's ~10 ms, with no network latency added");
    }

    @Test
    void aSpeedupHoldsAtAnyLatencyWhenTheRoundTripRatioAlsoReachesIt() {
        Judgement judgement = Judge.speedup(6, 60, 5, 6, 1);

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(judgement.reason()).contains("12.0x").contains("at any latency");
    }

    @Test
    void aSpeedupMeasuredOnLoopbackHoldsOnlyBelowALatency() {
        // 6.6x measured, but 9 round trips against 5 tend to 1.8x: (6.6 - 5.4 * 1) / (5.4 * 5 - 9) = 0.0667 ms
        Judgement judgement = Judge.speedup(6, 6.6, 1, 9, 5);

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(judgement.condition()).isEqualTo("the round trip is short (below about 0.067 ms, estimated)");
    }

    @Test
    void aSpeedupBelowTheClaimHoldsOnlyAboveALatencyWhenRoundTripsCanCarryIt() {
        // 2x measured, 6 round trips against 1: (5.4 * 1 - 2) / (6 - 5.4) = 5.67 ms
        Judgement judgement = Judge.speedup(6, 2, 1, 6, 1);

        assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(judgement.condition()).isEqualTo("the round trip is long (above about 5.67 ms, estimated)");
    }

    @Test
    void aSpeedupFailsWhenNeitherTheMeasurementNorTheRoundTripsReachIt() {
        Judgement judgement = Judge.speedup(20, 6.5, 1.5, 1, 1);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).contains("4.33x").endsWith("so no network latency brings it to 20x");
    }

    @Test
    void aSpeedupWithoutRoundTripsIsJudgedOnTheMeasurementAlone() {
        assertThat(Judge.speedup(6, 60, 5, Double.NaN, 1).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(Judge.speedup(6, 6, 5, Double.NaN, 1).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(Judge.speedup(6, Double.NaN, 5, 6, 1).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }
}
