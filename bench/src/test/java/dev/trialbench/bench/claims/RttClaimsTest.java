package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "6x faster" claim judged at the report's implied round trip, on the ratio's interval. */
class RttClaimsTest {

    @Test
    void eachOutcomeAtTheImpliedRoundTrip() {
        assertThat(RttClaims.atImpliedRtt(new Interval(8, 6, 10), 5.4, null, "r").verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(RttClaims.atImpliedRtt(new Interval(5, 4, 6), 5.4, "c", "r").verdict()).isEqualTo(Verdict.NOT_SETTLED);
        assertThat(RttClaims.atImpliedRtt(new Interval(2, 1.5, 3), 5.4, "the round trip is at most about 1.00 ms", "r")
                .verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(RttClaims.atImpliedRtt(new Interval(2, 1.5, 3), 5.4, null, "r").verdict()).isEqualTo(Verdict.FAILS);
    }
}
