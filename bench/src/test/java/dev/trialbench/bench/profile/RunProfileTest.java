package dev.trialbench.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The two profiles say what the README's tables say (read from the README itself), and the values of
 * {@code --profile} and {@code --rtt} are read once, with errors that name the flag.
 */
class RunProfileTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmesProfileTableStatesEachProfilesScaleJmhAndRoundTrips() throws IOException {
        List<String> lines = Files.readAllLines(README);
        for (RunProfile profile : List.of(RunProfile.QUICK, RunProfile.FULL)) {
            String row = lines.stream().filter(line -> line.startsWith("| `" + profile.name() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + profile.name() + " in " + README));
            RunProfile.Jmh jmh = profile.jmh();
            assertThat(row).contains("| " + profile.scaleText() + " ")
                    .contains(jmh.forks() + (jmh.forks() == 1 ? " fork, " : " forks, ") + jmh.warmupIterations() + " x "
                            + jmh.warmupTime().toSeconds() + " s warmup, " + jmh.measurementIterations() + " x "
                            + jmh.measurementTime().toSeconds() + " s measured")
                    .contains(profile.roundTrips().isEmpty() ? "| none" : "| " + profile.roundTrips().stream()
                            .map(roundTrip -> String.valueOf(roundTrip.delay().toMillis()))
                            .collect(Collectors.joining(", ")) + " ms |");
        }
    }

    @Test
    void theReadmesLoadTableStatesTheActivationStairsAndTheSweepsTopStair() throws IOException {
        String readme = Files.readString(README);

        assertThat(readme).contains("activation stairs (quick " + rates(RunProfile.QUICK.load().activation()) + "/s; full "
                + rates(RunProfile.FULL.load().activation()) + "/s)");
        assertThat(readme).contains("batched activation stairs up to " + top(RunProfile.QUICK.load().sweep())
                + "/s (full: " + top(RunProfile.FULL.load().sweep()) + "/s)");
        assertThat(readme).contains("pool-sweep-" + RunProfile.QUICK.load().sweepPools().stream().map(String::valueOf)
                .collect(Collectors.joining("/")));
        assertThat(readme).contains("(workload runs per schema state: quick " + RunProfile.QUICK.load().workloadRepeats()
                + ", full " + RunProfile.FULL.load().workloadRepeats() + ")");
    }

    @Test
    void aProfileIsReadCaseInsensitivelyAndAnUnknownOneNamesTheFlag() {
        assertThat(RunProfile.parse(" Full ")).isSameAs(RunProfile.FULL);
        assertThat(RunProfile.parse("quick")).isSameAs(RunProfile.QUICK);
        assertThat(RunProfile.QUICK.scaleText()).isEqualTo("0.1");
        assertThat(RunProfile.FULL.scaleText()).isEqualTo("1");
        assertThatThrownBy(() -> RunProfile.parse("medium")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'medium'").hasMessageContaining("--profile").hasMessageContaining("TRIALBENCH_PROFILE");
    }

    @Test
    void roundTripsKeepTheirLabelsLeaveOutNoneAndNameTheFlagWhenUnreadable() {
        List<RoundTrip> roundTrips = RoundTrip.parseAll(List.of("1ms", "none", "0.5ms", "250us"));

        assertThat(RoundTrip.labels(roundTrips)).containsExactly("1ms", "0.5ms", "250us");
        assertThat(roundTrips).extracting(RoundTrip::delay)
                .containsExactly(Duration.ofMillis(1), Duration.ofNanos(500_000), Duration.ofNanos(250_000));
        assertThat(RoundTrip.parseAll(List.of("NONE"))).isEmpty();
        assertThatThrownBy(() -> RoundTrip.parseAll(List.of("fast"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rtt");
    }

    private static String rates(List<Stage> stages) {
        return stages.stream().map(stage -> String.valueOf(Math.round(stage.ratePerSecond())))
                .collect(Collectors.joining(", "));
    }

    private static long top(List<Stage> stages) {
        return Math.round(stages.stream().mapToDouble(Stage::ratePerSecond).max().orElseThrow());
    }
}
