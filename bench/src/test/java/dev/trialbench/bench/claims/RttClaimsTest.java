package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The activation claims judged at the report's implied round trip. */
class RttClaimsTest {

    @Test
    void theImpliedRoundTripAverageFailsWithTheReasonItsRoundTripsAreNotSix() {
        Judgement judgement = RttClaims.averageAtImpliedRtt(209, 9);
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(judgement.reason()).contains("9 round trips, not 6").contains("180 ms of latency alone");
        assertThat(RttClaims.averageAtImpliedRtt(125, 6).verdict()).isEqualTo(Verdict.HOLDS);
    }
}
