package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The between-run spread the verdicts' intervals use is measured on the committed baseline runs, not
 * typed: this test measures them again and compares with the committed resource. Reads committed files
 * only; no timing.
 */
class BetweenRunSpreadTest {

    private static final Path RESOURCE = Path.of("bench", "src", "main", "resources", "dev", "trialbench", "bench",
            "claims", BetweenRunSpread.RESOURCE);

    @Test
    void committedSpreadIsTheOneTheBaselineRunsMeasure() throws IOException {
        String measured = BetweenRunSpread.render(BetweenRunSpread.measure(
                Repository.baselineRuns().stream().map(RunFolder::read).toList()));
        Path committed = Repository.root().resolve(RESOURCE);
        if (Repository.refresh()) {
            Files.writeString(committed, measured);
        }
        assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                .as("%s differs from what results/baseline-runs/ measure; refresh it with"
                        + " mvn -B -pl bench -am -Dtest=BetweenRunSpreadTest -D%s=true"
                        + " -Dsurefire.failIfNoSpecifiedTests=false verify", RESOURCE, Repository.REFRESH)
                .isEqualTo(measured);
    }

    @Test
    void theIntervalIsAsWideAsTheRunsMoved() {
        double spread = BetweenRunSpread.spread(BetweenRunSpread.ACTIVATION_RATIO);
        Interval interval = Interval.of(6, 6, 6, BetweenRunSpread.halfWidth(BetweenRunSpread.ACTIVATION_RATIO));
        assertThat(interval.high() / interval.low()).isCloseTo(spread, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spread).isGreaterThan(1);
    }
}
