package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one place a direction turns a figure outside its band into a verdict. */
class BandTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        "HIGHER_IS_BETTER, 4.0, REGRESSION",
        "HIGHER_IS_BETTER, 5.0, PASS",
        "HIGHER_IS_BETTER, 7.0, IMPROVED",
        "LOWER_IS_BETTER, 7.0, REGRESSION",
        "LOWER_IS_BETTER, 5.0, PASS",
        "LOWER_IS_BETTER, 4.0, IMPROVED",
        "EXACT, 4.0, REGRESSION",
        "EXACT, 5.0, PASS",
        "EXACT, 7.0, REGRESSION",
        "HIGHER_IS_BETTER, NaN, NOT_MEASURED"})
    void theDirectionDecidesWhichSideIsARegression(Direction direction, double measured, GateVerdict verdict) {
        assertThat(Band.relative(5.0, 0.15).judge(measured, direction)).isEqualTo(verdict);
    }

    @Test
    void aRelativeBandIsSymmetricInFactors() {
        Band band = Band.relative(5.0, 0.15);

        assertThat(band.low()).isEqualTo(5.0 / 1.15);
        assertThat(band.high()).isEqualTo(5.0 * 1.15);
    }

    @Test
    void theToleranceIsThreeTimesTheSpreadBetweenTheFloorAndTheCap() {
        assertThat(Tolerances.ratio(Double.NaN)).isEqualTo(0.6);
        assertThat(Tolerances.ratio(0.02)).isEqualTo(0.6);
        assertThat(Tolerances.ratio(0.25)).isEqualTo(3 * 0.25);
        assertThat(Tolerances.ratio(0.5)).isEqualTo(1.0);
        assertThat(Tolerances.gated(0.5)).isFalse();
        assertThat(Tolerances.gated(0.2)).isTrue();
        assertThat(Tolerances.gated(Double.NaN)).isTrue();
    }

    @Test
    void sharedBuffersGetThreeQuartersOrFiveBlocks() {
        assertThat(Tolerances.buffers(100, 0)).isEqualTo(75);
        assertThat(Tolerances.buffers(3, 0)).isEqualTo(5);
        // A statement whose baseline runs spanned more than 75 % keeps that range as its slack.
        assertThat(Tolerances.buffers(90, 75)).isEqualTo(75);
    }
}
