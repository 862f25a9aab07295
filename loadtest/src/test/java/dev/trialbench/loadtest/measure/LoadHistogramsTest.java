package dev.trialbench.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadHistogramsTest {

    private static final long T0 = 1_764_000_000_000L; // an epoch instant in 2025
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path folder;

    /** One interval of one second starting {@code second} s after T0, holding {@code count} values of {@code millis}. */
    private static Histogram interval(String tag, int second, long count, long millis) {
        Histogram histogram = new Histogram(LatencyLog.HIGHEST_TRACKABLE_NANOS, LatencyLog.SIGNIFICANT_DIGITS);
        histogram.recordValueWithCount(millis * MS, count);
        histogram.setStartTimeStamp(T0 + second * 1000L);
        histogram.setEndTimeStamp(T0 + second * 1000L + 1000L);
        histogram.setTag(tag);
        return histogram;
    }

    private Path log(String name, Histogram... intervals) throws FileNotFoundException {
        Path file = folder.resolve(name);
        HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
        writer.outputLogFormatVersion();
        writer.outputStartTime(T0);
        writer.outputLegend();
        for (Histogram histogram : intervals) {
            writer.outputIntervalHistogram(histogram);
        }
        writer.close();
        return file;
    }

    @Test
    void logsOfTwoInjectorsMergeByTag() throws Exception {
        Path first = log("a.hlog", interval("listing@1", 0, 90, 10), interval("activate-batched@1", 0, 10, 40),
                interval("listing@warmup", 0, 5, 900));
        Path second = log("b.hlog", interval("listing@1", 0, 9, 1000), interval("listing@2", 1, 100, 20));

        LoadHistograms histograms = LoadHistograms.read(List.of(first, second));

        assertThat(histograms.tags()).containsExactly("activate-batched@1", "listing@1", "listing@2", "listing@warmup");
        LatencyStats listing = histograms.stats("listing@1");
        assertThat(listing.count()).isEqualTo(99);
        assertThat(listing.p50Millis()).isCloseTo(10, org.assertj.core.data.Offset.offset(0.1));
        assertThat(listing.p95Millis()).isCloseTo(1000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(histograms.stats(LoadHistograms.measured("listing")).count()).isEqualTo(199);
        assertThat(histograms.stats(LoadHistograms.measured("activate-batched")).count()).isEqualTo(10);
    }

    @Test
    void aWindowHoldsTheIntervalsWhoseMidpointFallsInside() throws Exception {
        Path file = log("w.hlog", interval("listing@1", 0, 100, 5), interval("listing@1", 1, 100, 5),
                interval("listing@1", 2, 10, 700), interval("listing@1", 3, 100, 5));
        LoadHistograms histograms = LoadHistograms.read(List.of(file));

        LatencyStats before = histograms.stats("listing@1", T0, T0 + 2000);
        LatencyStats during = histograms.stats("listing@1", T0 + 2000, T0 + 3000);
        LatencyStats edge = histograms.stats("listing@1", T0 + 1600, T0 + 2600); // holds the midpoint 2.5 s only

        assertThat(before.count()).isEqualTo(200);
        assertThat(before.maxMillis()).isLessThan(6);
        assertThat(during.count()).isEqualTo(10);
        assertThat(during.p99Millis()).isCloseTo(700, org.assertj.core.data.Offset.offset(1.0));
        assertThat(edge.count()).isEqualTo(10);
        assertThat(histograms.stats("listing@1").count()).isEqualTo(310);
    }

    @Test
    void aMergedLogReadsBackToTheSameNumbers() throws Exception {
        Path first = log("a.hlog", interval("listing@1", 0, 50, 10));
        Path second = log("b.hlog", interval("listing@1", 0, 50, 30), interval("listing@1", 1, 7, 3));
        LoadHistograms histograms = LoadHistograms.read(List.of(first, second));
        Path merged = folder.resolve("merged.hlog");

        histograms.write(merged);
        LoadHistograms reread = LoadHistograms.read(List.of(merged));

        assertThat(reread.tags()).containsExactly("listing@1");
        assertThat(reread.stats("listing@1")).isEqualTo(histograms.stats("listing@1"));
        assertThat(reread.stats("listing@1", T0 + 1000, T0 + 2000).count()).isEqualTo(7);
        assertThat(reread.firstEpochMs()).isEqualTo(T0);
    }

    @Test
    void theScheduleGivesEachArrivalTheStartOfItsSlot() {
        IntendedSchedule schedule = new IntendedSchedule(new dev.trialbench.loadtest.config.Stage(10, 2),
                List.of(new dev.trialbench.loadtest.config.Stage(4, 1), new dev.trialbench.loadtest.config.Stage(20, 1)));

        assertThat(schedule.slot(0)).isEqualTo(new IntendedSchedule.Slot(0, "warmup", 0, 0));
        assertThat(schedule.slot(19).offsetNanos()).isEqualTo(1900 * MS);
        assertThat(schedule.slot(20)).isEqualTo(new IntendedSchedule.Slot(1, "1", 0, 2000 * MS));
        assertThat(schedule.slot(24)).isEqualTo(new IntendedSchedule.Slot(2, "2", 0, 3000 * MS));
        assertThat(schedule.slot(20 + 4 + 20 - 1)).isEqualTo(new IntendedSchedule.Slot(2, "2", 19, 3950 * MS));
        assertThat(schedule.slot(20 + 4 + 20)).as("past the schedule: the last stage's rhythm")
                .isEqualTo(new IntendedSchedule.Slot(2, "2", 20, 4000 * MS));
    }
}
