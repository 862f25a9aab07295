package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trialbench.bench.runfolder.RttSweep.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void theDelayAchievedIsReadBesideTheRequestedOneAndOldFilesWithoutItAreAccepted(@TempDir Path parent) throws IOException {
        Path folder = Fixture.copy(parent);
        // An old file: no secondary metrics.
        Files.writeString(folder.resolve(RttSweep.BEFORE_FILE), "[" + entry("before", "20ms", "{}") + "]");
        RttSweep old = RttSweep.read(RunFolder.read(folder));
        assertThat(old.rtts()).contains(20.0);
        assertThat(old.achieved()).isEmpty();

        // 900 + 500 trips that waited 20.04 ms each.
        Files.writeString(folder.resolve(RttSweep.AFTER_FILE), "[" + entry("after", "20ms", secondary(900, 1.8036e10))
                + ", " + entry("after", "20ms", secondary(500, 1.002e10)).replace(".naive", ".batched") + "]");
        RttSweep sweep = RttSweep.read(RunFolder.read(folder));
        assertThat(sweep.achieved()).containsOnlyKeys(20.0);
        assertThat(sweep.achieved().get(20.0).trips()).isEqualTo(1400);
        assertThat(sweep.achieved().get(20.0).meanMillis().orElseThrow()).isCloseTo(20.04, within(1e-9));
    }

    private static String entry(String schema, String rtt, String secondaryMetrics) {
        return """
                {"benchmark": "dev.trialbench.bench.jmh.ActivationBenchmark.naive", "params": {"rtt": "%s", "schema": "%s"},
                 "primaryMetric": {"score": 190000, "scoreUnit": "us/op", "scorePercentiles": {"50.0": 185000, "95.0": 200000}},
                 "secondaryMetrics": %s}""".formatted(rtt, schema, secondaryMetrics);
    }

    private static String secondary(long trips, double waitedNanos) {
        return """
                {"rttDelayedTrips": {"score": %d, "scoreUnit": "#"}, "rttWaitedNanos": {"score": %s, "scoreUnit": "#"}}"""
                .formatted(trips, Double.toString(waitedNanos));
    }

    @Test
    void roundTripTimesAreListedAscending() {
        assertThat(sweep().rtts()).containsExactly(0.0, 1.0, 5.0, 20.0);
    }
}
