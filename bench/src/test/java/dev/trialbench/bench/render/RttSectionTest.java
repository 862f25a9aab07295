package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.RttSweep;
import dev.trialbench.db.RoundTripDelay;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delay achieved per trip is printed beside the one requested, or the report says it was not recorded. */
class RttSectionTest {

    @Test
    void theAchievedDelayStandsBesideTheRequestedOne() {
        // 1,400 trips that waited 20.04 ms each.
        RttSweep sweep = new RttSweep(List.of(), Map.of(20.0, new RoundTripDelay.Achieved(1400, 28_056_000_000L)));

        assertThat(RttSection.achieved(sweep)).contains("requested 20 ms, achieved 20.040 ms per trip (+0.2 %, 1,400 trips)");
    }

    @Test
    void aSweepRecordedBeforeTheFigureExistedSaysSo() {
        assertThat(RttSection.achieved(new RttSweep(List.of(), Map.of()))).contains("not recorded");
    }
}
