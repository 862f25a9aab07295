package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.RttSweep.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where naive and batched part, from a small hand-made sweep (means in ms at each round-trip time). */
class RttSweepTest {

    /** naive = 1 + 9 x rtt, batched = 0.8 + 5 x rtt after; naive before = 8 + 9 x rtt. */
    private static RttSweep sweep() {
        List<Point> points = new ArrayList<>();
        for (double rtt : new double[] {0, 1, 5, 20}) {
            points.add(new Point(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.AFTER, rtt, 0, 0, 1 + 9 * rtt));
            points.add(new Point(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER, rtt, 0, 0, 0.8 + 5 * rtt));
            points.add(new Point(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, rtt, 0, 0, 8 + 9 * rtt));
            points.add(new Point(CellKey.FRAUD_CHECK, CellKey.NAIVE, CellKey.AFTER, rtt, 0, 0, 0.6 + 6 * rtt));
            points.add(new Point(CellKey.FRAUD_CHECK, CellKey.BATCHED, CellKey.AFTER, rtt, 0, 0, 0.5 + rtt));
        }
        return new RttSweep(points);
    }

    @Test
    void ratiosAreMeansOverMeansAtOneRoundTripTime() {
        assertThat(sweep().ratio(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED, CellKey.AFTER, 20)
                .getAsDouble()).isCloseTo(181 / 100.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sweep().ratio(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED, CellKey.AFTER, 3))
                .isEmpty();
    }

    @Test
    void theCrossingIsInterpolatedBetweenTheMeasuredPointsAroundIt() {
        // fraud check: 1.2x at 0 ms, 4.4x at 1 ms: 2x is crossed at (2 - 1.2) / (4.4 - 1.2) = 0.25 ms
        double crossing = sweep().firstReaching(2, CellKey.FRAUD_CHECK, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED,
                CellKey.AFTER).getAsDouble();
        assertThat(crossing).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRatioThatNeverReachesTheThresholdHasNoCrossing() {
        // activation tends to 9 / 5 = 1.8x: never 2x
        assertThat(sweep().firstReaching(2, CellKey.ACTIVATION, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED,
                CellKey.AFTER)).isEmpty();
    }

    @Test
    void theReportsSixTimesHoldsOnlyWhereTheIndexSpeedupIsNotDiluted() {
        // naive before / batched after: 10x at 0 ms, 17 / 5.8 = 2.9x at 1 ms
        assertThat(sweep().lastHolding(6, CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED,
                CellKey.AFTER).getAsDouble()).isZero();
    }

    @Test
    void roundTripTimesAreListedAscending() {
        assertThat(sweep().rtts()).containsExactly(0.0, 1.0, 5.0, 20.0);
    }
}
