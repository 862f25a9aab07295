package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Out of sample: two quick runs of the baseline's own tree and seed, taken while other builds shared
 * the two cores (raw files under {@code busy-runs/}: the mean of their SELECT 1 floor after the
 * migrations measured 437 and 574 us against at most 48 us in the quiet baseline runs, and every cell
 * was slower with it). Judged with the factors the quiet runs measured, their intervals widened by how
 * much busier the floor says the machine was (9.1x and 12x after the migrations), they settle fewer
 * claims (5 NOT SETTLED against 1 in a quiet run) and no claim HOLDS (or is BETTER THAN CLAIMED) in a
 * quiet run and FAILS in a busy one. Reads committed files only.
 */
class BusyRunsTest {

    @Test
    void aRunOnABusyMachineWidensItsIntervalsAndSaysWhy() throws IOException {
        for (Path folder : busyRuns()) {
            ClaimContext context = ClaimContext.of(RunFolder.read(folder));
            assertThat(context.busy(CellKey.AFTER)).as(folder.getFileName().toString()).isGreaterThan(5);
            assertThat(context.busyNote()).contains("The machine was busy after the migrations: the SELECT 1 floor's mean measured");
        }
    }

    @Test
    void aBaselineRunIsNotBusy() {
        for (Path folder : Repository.baselineRuns()) {
            ClaimContext context = ClaimContext.of(RunFolder.read(folder));
            assertThat(context.busy(CellKey.BEFORE)).isEqualTo(1);
            assertThat(context.busy(CellKey.AFTER)).isEqualTo(1);
            assertThat(context.busyNote()).isEmpty();
        }
    }

    @Test
    void noClaimHoldsInAQuietRunAndFailsInABusyOne() throws IOException {
        List<Path> runs = new ArrayList<>(Repository.baselineRuns());
        runs.addAll(busyRuns());
        Map<String, List<String>> verdicts = new LinkedHashMap<>();
        for (Path folder : runs) {
            List<Claim> claims = Claims.of(RunFolder.read(folder));
            for (int index = 0; index < claims.size(); index++) {
                verdicts.computeIfAbsent((index + 1) + " \"" + claims.get(index).quote() + "\"", ignored -> new ArrayList<>())
                        .add(claims.get(index).verdict().name());
            }
        }
        assertThat(verdicts).allSatisfy((claim, perRun) -> {
            Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
            perRun.forEach(verdict -> seen.add(Verdict.valueOf(verdict)));
            assertThat(seen.contains(Verdict.FAILS) && (seen.contains(Verdict.HOLDS) || seen.contains(Verdict.BETTER_THAN_CLAIMED)))
                    .as("%s contradicts itself between quiet and busy runs: %s", claim, perRun).isFalse();
        });
    }

    private static List<Path> busyRuns() throws IOException {
        Path folder = Repository.root().resolve("bench/src/test/resources/busy-runs");
        try (Stream<Path> runs = Files.list(folder)) {
            return runs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
