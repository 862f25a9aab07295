package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the untouched output of a real JMH 1.37 run, so JMH itself is the reference. */
class JmhResultsTest {

    @TempDir
    Path temp;

    @Test
    void aSingleForksStatisticsAreJmhsOwn() throws IOException {
        CellResult oneFork = read().get(0);

        assertThat(oneFork.benchmark()).isEqualTo("SleepProbe");
        assertThat(oneFork.method()).isEqualTo("oneFork");
        assertThat(oneFork.schema()).isEqualTo("before");
        assertThat(oneFork.forkResults()).singleElement().satisfies(fork -> {
            assertThat(fork.p50Millis()).isCloseTo(oneFork.p50Millis(), within(1e-12));
            assertThat(fork.meanMillis()).isCloseTo(oneFork.meanMillis(), within(1e-9));
            assertThat(fork.samples()).isEqualTo(oneFork.samples());
        });
    }

    @Test
    void forksTogetherGiveJmhsMean() throws IOException {
        CellResult twoForks = read().get(1);

        assertThat(twoForks.forks()).isEqualTo(2);
        double pooled = twoForks.forkResults().stream().mapToDouble(fork -> fork.meanMillis() * fork.samples()).sum()
                / twoForks.samples();
        assertThat(pooled).isCloseTo(twoForks.meanMillis(), within(1e-9));
        assertThat(twoForks.p50Millis()).isBetween(0.2, 5.0);
    }

    @Test
    void theHistogramPercentileInterpolatesBetweenNeighbours() {
        SampleHistogram histogram = new SampleHistogram();
        histogram.add(1.0, 1);
        histogram.add(2.0, 2);
        histogram.add(4.0, 1);

        // rank 50 of 4 samples: position 2.5, between the 2nd (2.0) and the 3rd (2.0)
        assertThat(histogram.percentile(50)).isEqualTo(2.0);
        // rank 90: position 4.5, past the last sample
        assertThat(histogram.percentile(90)).isEqualTo(4.0);
        // rank 30: position 1.5, halfway from 1.0 to 2.0
        assertThat(histogram.percentile(30)).isCloseTo(1.5, within(1e-12));
        assertThat(histogram.percentile(0)).isEqualTo(1.0);
        assertThat(histogram.mean()).isCloseTo(2.25, within(1e-12));
    }

    private List<CellResult> read() throws IOException {
        Path file = temp.resolve(RunFolder.JMH_BEFORE);
        try (InputStream in = getClass().getResourceAsStream("/report-fixture/real-jmh-1.37.json")) {
            Files.copy(in, file);
        }
        return JmhResults.read(file, CellKey.BEFORE);
    }
}
