package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.format.Numbers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A workload run more than once counts once per request type: over, within, or on both sides of the KPI. */
class LoadClaimsSidesTest {

    @Test
    void aWorkloadWhoseRunsFallOnBothSidesOfTheLimitStraddlesIt() {
        Map<String, List<Double>> p95 = new TreeMap<>();
        p95.put("listing-after listing", List.of(4.0, 6.0));
        p95.put("mixed-after activate-batched", List.of(40.0, 61.0));
        p95.put("activation-batched-after activate-batched", List.of(55.0, 70.0));

        LoadClaims.Sides sides = LoadClaims.Sides.of(p95, 50, Numbers::ms);

        assertThat(sides.within()).containsExactly("listing-after listing 4.00 ms..6.00 ms (2 runs)");
        assertThat(sides.straddling()).containsExactly("mixed-after activate-batched 40.0 ms..61.0 ms (2 runs)");
        assertThat(sides.over()).containsExactly("activation-batched-after activate-batched 55.0 ms..70.0 ms (2 runs)");
        assertThat(LoadClaims.p95UnderLoad(false, List.of(), sides.within(), sides.straddling(), 50).verdict())
                .isEqualTo(Verdict.NOT_SETTLED);
        assertThat(LoadClaims.p95UnderLoad(false, sides.over(), sides.within(), sides.straddling(), 50).verdict())
                .isEqualTo(Verdict.FAILS);
    }

    @Test
    void aSingleRunIsShownWithItsOneFigure() {
        LoadClaims.Sides sides = LoadClaims.Sides.of(new TreeMap<>(Map.of("mixed-after", List.of(0.42))), 0.8, Numbers::percent);

        assertThat(sides.all()).containsExactly("mixed-after " + Numbers.percent(0.42));
        assertThat(sides.within()).hasSize(1);
    }
}
