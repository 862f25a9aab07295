package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each migration step gets the writer's longest insert that overlapped it, over every attempt of the step. */
class StepWindowsTest {

    private static final long MS = 1_000_000;

    @Test
    void eachStepGetsTheLongestWriteThatOverlappedIt() {
        MigrationUnderWriter.StepWindows windows = new MigrationUnderWriter.StepWindows();
        windows.window("3.1", 0, 100 * MS);
        windows.window("4.1", 200 * MS, 300 * MS);
        windows.window("4.1", 900 * MS, 950 * MS);
        List<long[]> writes = List.of(
                new long[] {10 * MS, 12 * MS},    // 2 ms, during 3.1
                new long[] {90 * MS, 110 * MS},   // 20 ms, across the end of 3.1
                new long[] {150 * MS, 650 * MS},  // 500 ms, blocked by the first attempt of 4.1
                new long[] {920 * MS, 921 * MS}); // 1 ms, during the second attempt

        assertThat(windows.longestOverlapping("3.1", writes)).isEqualTo(20.0);
        assertThat(windows.longestOverlapping("4.1", writes)).isEqualTo(500.0);
        assertThat(windows.longestOverlapping("3.2", writes)).as("a step never seen").isNull();
    }

    @Test
    void startAndEndMakeAWindow() {
        MigrationUnderWriter.StepWindows windows = new MigrationUnderWriter.StepWindows();
        windows.started("3.1");
        windows.ended("3.1");

        assertThat(windows.longestOverlapping("3.1", List.of())).isEqualTo(0.0);
    }
}
