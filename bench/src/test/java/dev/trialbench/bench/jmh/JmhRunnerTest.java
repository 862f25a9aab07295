package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.bench.jmh.SeededDatabase.Seeded;
import dev.trialbench.bench.profile.RunProfile;
import dev.trialbench.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH run: options follow the profile, and one benchmark run end to end (a forked JVM, a seeded
 * database, a JSON file with percentiles). No timing is asserted.
 */
class JmhRunnerTest {

    @TempDir
    Path folder;

    @Test
    void optionsFollowTheProfileAndPassTheTargetToTheForks() throws Exception {
        Path target = folder.resolve("target.properties");
        BenchTarget.write(target, "jdbc:postgresql://localhost/x", "u", "", SeededDatabase.shared().config());
        for (RunProfile.Jmh profile : List.of(RunProfile.QUICK.jmh(), RunProfile.FULL.jmh())) {
            Options options = JmhRunner.options(profile, "after", target, folder.resolve("out.json"), JmhRunner.BENCHMARKS)
                    .build();
            assertThat(options.getForkCount().get()).isEqualTo(profile.forks());
            assertThat(options.getWarmupIterations().get()).isEqualTo(profile.warmupIterations());
            assertThat(options.getWarmupTime().get()).isEqualTo(TimeValue.milliseconds(profile.warmupTime().toMillis()));
            assertThat(options.getMeasurementIterations().get()).isEqualTo(profile.measurementIterations());
            assertThat(options.getMeasurementTime().get())
                    .isEqualTo(TimeValue.milliseconds(profile.measurementTime().toMillis()));
            assertThat(options.getParameter("schema").get()).containsExactly("after");
            assertThat(options.getJvmArgsAppend().get())
                    .contains("-D" + BenchTarget.PROPERTY + "=" + target.toAbsolutePath(), "-Xmx1g");
            assertThat(options.getResultFormat().get()).isEqualTo(ResultFormatType.JSON);
            assertThat(options.shouldFailOnError().get()).isTrue();
            assertThat(options.getIncludes()).hasSize(JmhRunner.BENCHMARKS.size());
        }
    }

    @Test
    void refusesAMissingTargetFileAndABadLabel() {
        Path missing = folder.resolve("missing.properties");
        assertThatThrownBy(() -> JmhRunner.run(RunProfile.QUICK.jmh(), "before", missing, folder.resolve("out.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> JmhRunner.run(RunProfile.QUICK.jmh(), "BEFORE schema", missing, folder.resolve("out.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema label");
    }

    @Test
    void runsOneBenchmarkInAForkAndWritesPercentiles() throws Exception {
        Seeded seeded = SeededDatabase.shared();
        Path target = folder.resolve("target.properties");
        BenchTarget.write(target, seeded.dataSource().getJdbcUrl(), seeded.dataSource().getUsername(),
                TestPostgres.server().password(), seeded.config());
        Path json = folder.resolve("results/jmh-before.json");

        Collection<RunResult> results = JmhRunner.run(JmhRunner
                .options(RunProfile.QUICK.jmh(), "before", target, json, List.of(RoundTripBenchmark.class))
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .build());

        assertThat(results).hasSize(1);
        JsonNode run = new ObjectMapper().readTree(json.toFile());
        assertThat(run).hasSize(1);
        JsonNode selectOne = run.get(0);
        assertThat(selectOne.get("benchmark").asText()).isEqualTo(CellTest.jmhName(Cell.ROUND_TRIP_SELECT_ONE));
        assertThat(selectOne.get("mode").asText()).isEqualTo("sample");
        assertThat(selectOne.get("params").get("schema").asText()).isEqualTo("before");
        JsonNode metric = selectOne.get("primaryMetric");
        assertThat(metric.get("scoreUnit").asText()).isEqualTo("us/op");
        assertThat(metric.get("scorePercentiles").has("99.0")).isTrue();
        assertThat(metric.get("scorePercentiles").get("50.0").asDouble()).isPositive();
    }

    @Test
    void theRttSweepWritesTheDelayAchievedBesideTheDelayRequested() throws Exception {
        Seeded seeded = SeededDatabase.shared();
        Path target = folder.resolve("target.properties");
        BenchTarget.write(target, seeded.dataSource().getJdbcUrl(), seeded.dataSource().getUsername(),
                TestPostgres.server().password(), seeded.config());
        Path json = folder.resolve("results/jmh-before-rtt.json");

        JmhRunner.run(JmhRunner
                .options(RunProfile.QUICK.jmh(), "before", target, json, List.of(FraudCheckBenchmark.class))
                .param("rtt", "1ms")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .build());

        JsonNode run = new ObjectMapper().readTree(json.toFile());
        assertThat(run).hasSize(2);
        for (JsonNode cell : run) {
            JsonNode secondary = cell.get("secondaryMetrics");
            double trips = secondary.path(JmhRunner.DELAYED_TRIPS).path("score").asDouble();
            double waitedNanos = secondary.path(JmhRunner.WAITED_NANOS).path("score").asDouble();
            assertThat(trips).as(cell.get("benchmark").asText()).isPositive();
            assertThat(waitedNanos).as(cell.get("benchmark").asText()).isGreaterThanOrEqualTo(trips * 1_000_000);
        }
    }
}
