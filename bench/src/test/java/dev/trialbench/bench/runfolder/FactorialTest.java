package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorialTest {

    private static final CellKey NAIVE_BEFORE = CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE);
    private static final CellKey BATCHED_BEFORE = NAIVE_BEFORE.with(CellKey.BATCHED);
    private static final CellKey BATCHED_AFTER = BATCHED_BEFORE.at(CellKey.AFTER);

    @TempDir
    Path temp;

    @Test
    void ratioIsTheQuotientOfMediansAndOfMeans() {
        RunFolder run = Fixture.read(temp);
        Factorial factorial = Factorial.of(run.cells());
        CellResult naive = factorial.cell(NAIVE_BEFORE).orElseThrow();
        CellResult batched = factorial.cell(BATCHED_AFTER).orElseThrow();

        Ratio ratio = factorial.compare("both", NAIVE_BEFORE, BATCHED_AFTER).ratio().orElseThrow();

        assertThat(ratio.p50()).isCloseTo(naive.p50Millis() / batched.p50Millis(), within(1e-12));
        assertThat(ratio.mean()).isCloseTo(naive.meanMillis() / batched.meanMillis(), within(1e-12));
        assertThat(ratio.p50Spread().pairs()).isEqualTo(4);
        assertThat(ratio.p50Spread().min()).isLessThanOrEqualTo(ratio.p50Spread().max());
        assertThat(ratio.p50Spread().describe()).matches("\\d+\\.\\d+x\\.\\.\\d+\\.\\d+x");
    }

    @Test
    void spreadIsTheRangeOverEveryPairOfForks() {
        Factorial factorial = Factorial.of(List.of(
                Cells.cell(NAIVE_BEFORE, 6.0, 7.0), Cells.cell(BATCHED_BEFORE, 2.0, 3.0)));

        Ratio ratio = factorial.compare("batching", NAIVE_BEFORE, BATCHED_BEFORE).ratio().orElseThrow();

        assertThat(ratio.p50Spread().min()).isCloseTo(2.0, within(1e-12));
        assertThat(ratio.p50Spread().max()).isCloseTo(3.5, within(1e-12));
        assertThat(ratio.p50Spread().describe()).isEqualTo("2.00x..3.50x");
        assertThat(ratio.meanSpread().describe()).isEqualTo("2.00x..3.50x");
    }

    @Test
    void singleForksHaveNoSpread() {
        Factorial factorial = Factorial.of(List.of(Cells.cell(NAIVE_BEFORE, 6.0), Cells.cell(BATCHED_BEFORE, 2.0)));

        Ratio ratio = factorial.compare("batching", NAIVE_BEFORE, BATCHED_BEFORE).ratio().orElseThrow();

        assertThat(ratio.p50()).isCloseTo(3.0, within(1e-12));
        assertThat(ratio.p50Spread().describe()).isEqualTo("1 fork, no spread");
    }

    @Test
    void floorMultipleUsesTheSelectOneOfTheSameSchemaState() {
        CellKey floorBefore = CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, CellKey.BEFORE);
        Factorial factorial = Factorial.of(List.of(Cells.cell(floorBefore, 0.05), Cells.cell(NAIVE_BEFORE, 5.0),
                Cells.cell(BATCHED_AFTER, 1.0)));

        Factorial.Row naive = row(factorial, NAIVE_BEFORE);
        Factorial.Row batched = row(factorial, BATCHED_AFTER);

        assertThat(naive.floorMultiple().getAsDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(batched.floorMultiple()).isEmpty();
    }

    @Test
    void aMissingCellIsReportedAndEmptiesTheRatiosThatNeedIt() {
        List<CellResult> cells = new ArrayList<>(Fixture.read(temp).cells());
        cells.removeIf(cell -> cell.key().equals(BATCHED_AFTER));

        Factorial factorial = Factorial.of(cells);

        assertThat(factorial.missing()).containsExactly(BATCHED_AFTER);
        assertThat(row(factorial, BATCHED_AFTER).result()).isEmpty();
        assertThat(factorial.comparisons()).filteredOn(comparison -> comparison.ratio().isEmpty())
                .extracting(Factorial.Comparison::label)
                .containsExactlyInAnyOrder("both changes (the report's comparison)", "batching alone, after",
                        "indexes and constraints alone, batched");
        assertThat(factorial.rows()).hasSize(CellKey.EXPECTED.size());
    }

    @Test
    void anUnexpectedCellIsKeptAndListed() {
        CellKey extra = CellKey.of("ActivationBenchmark", "pooled", CellKey.AFTER);
        Factorial factorial = Factorial.of(List.of(Cells.cell(extra, 1.0)));

        assertThat(factorial.unexpected()).extracting(CellResult::key).containsExactly(extra);
        assertThat(factorial.missing()).hasSize(CellKey.EXPECTED.size());
    }

    private static Factorial.Row row(Factorial factorial, CellKey key) {
        return factorial.rows().stream().filter(row -> row.key().equals(key)).findFirst().orElseThrow();
    }
}
