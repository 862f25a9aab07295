package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeedConfigTest {

    private static final Instant ANCHOR = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void defaultReservedPoolsAreTwentyPercentButAtLeast200() {
        assertThat(SeedConfig.of(1, 1, ANCHOR).reservedUsers()).isEqualTo(20_000);
        assertThat(SeedConfig.of(1, 1, ANCHOR).reservedDevices()).isEqualTo(20_000);
        assertThat(SeedConfig.of(1, 0.01, ANCHOR).reservedUsers()).isEqualTo(200);
        assertThat(SeedConfig.of(1, 0.01, ANCHOR).reservedDevices()).isEqualTo(200);
    }

    @Test
    void tinyScaleKeepsHalfOfTheUsersActive() {
        SeedConfig config = SeedConfig.of(1, 0.001, ANCHOR);
        assertThat(config.reservedUsers()).isEqualTo(50);
        assertThat(SeedPlan.of(config).activeUserCount()).isEqualTo(50);
    }

    @Test
    void scaleOutOfRangeIsRefusedNamingTheFlag() {
        for (double scale : new double[] {0, -1, 100.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> SeedConfig.of(1, scale, ANCHOR))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--scale");
        }
        assertThat(SeedConfig.of(1, 100, ANCHOR).scale()).isEqualTo(100);
    }

    @Test
    void unparsableFlagsAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> SeedConfig.parse("forty-two", "1", ANCHOR)).hasMessageContaining("--seed");
        assertThatThrownBy(() -> SeedConfig.parse("42", "big", ANCHOR)).hasMessageContaining("--scale");
        assertThat(SeedConfig.parse(" 42 ", "0.5", ANCHOR)).isEqualTo(SeedConfig.of(42, 0.5, ANCHOR));
    }

    @Test
    void reservedPoolsMustFitAndAnchorIsRequired() {
        assertThatThrownBy(() -> new SeedConfig(1, 0.01, ANCHOR, 1000, 200)).hasMessageContaining("--reserved-users");
        assertThatThrownBy(() -> new SeedConfig(1, 0.01, ANCHOR, 200, -1)).hasMessageContaining("--reserved-devices");
        assertThatThrownBy(() -> new SeedConfig(1, 0.01, null, 200, 200)).hasMessageContaining("--anchor");
    }
}
