package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadRunsOverTimeTest {

    @TempDir
    Path temp;

    @Test
    void aRunsLatencyWindowByWindowCoversTheMeasuredStagesInOrderWithoutTheWarmup() {
        LoadRuns load = LoadRuns.read(RunFolder.read(Fixture.copyAll(temp)));
        Run run = load.run("activation-batched-after").orElseThrow();

        List<LoadRuns.Moment> moments = load.overTime(run, "activate-batched", 1000);

        assertThat(moments).isNotEmpty();
        assertThat(moments).extracting(LoadRuns.Moment::second).isSorted().doesNotHaveDuplicates();
        assertThat(moments.get(0).second()).isGreaterThan(run.warmup().seconds() * 0.9);
        assertThat(moments.stream().mapToLong(moment -> moment.latency().count()).sum())
                .isEqualTo(load.measured(run, "activate-batched").orElseThrow().count());
    }
}
