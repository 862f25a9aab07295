package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real JVMs enter the run queue of one host (a lock file of the test's own): the second waits, says so, then goes on. */
class RunQueueTest {

    @TempDir
    Path temp;

    @Test
    void theSecondRunWaitsWithAMessageThenGoesOn() throws Exception {
        List<String> options = List.of("-Dtrialbench.runLock=" + temp.resolve("run.lock"));
        Path releaseFirst = temp.resolve("release-first");
        Path releaseSecond = temp.resolve("release-second");
        Files.createFile(releaseSecond);
        try (ChildJvm first = ChildJvm.start(temp, "first", options, RunQueueHolder.class, List.of(releaseFirst.toString()))) {
            assertThat(first.awaitOutput(output -> output.contains("holding"), 120)).as(first.both()).isTrue();
            try (ChildJvm second = ChildJvm.start(temp, "second", options, RunQueueHolder.class,
                    List.of(releaseSecond.toString()))) {
                assertThat(second.awaitOutput(output -> output.contains("another run is measuring on this host"), 120))
                        .as(second.both()).isTrue();
                assertThat(second.out()).contains("pid " + first.pid()).doesNotContain("holding");

                Files.createFile(releaseFirst);

                assertThat(first.awaitExit(120)).isZero();
                assertThat(second.awaitExit(120)).as(second.both()).isZero();
                assertThat(second.out().lines().toList()).containsSubsequence(
                        "trialbench: the other run is done; this one goes on", "holding", "released");
            }
        }
    }
}
