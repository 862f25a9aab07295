package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.bench.jmh.SeededDatabase.Seeded;
import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.db.Migrations;
import dev.trialbench.seed.SeedTable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Round trips per operation of every cell, read from the connection, before and after the report's
 * migrations on the same seeded database (migrated in place, as the pipeline does). Deterministic:
 * the schema changes plans, never the number of statements.
 */
class CellEvidenceCollectorTest {

    /** Expected round trips per operation, by "Benchmark.method". */
    private static final Map<String, Double> ROUND_TRIPS = new LinkedHashMap<>();

    static {
        ROUND_TRIPS.put("RoundTripBenchmark.selectOne", 1.0);
        ROUND_TRIPS.put("FraudCheckBenchmark.naive", 6.0);
        ROUND_TRIPS.put("FraudCheckBenchmark.batched", 1.0);
        // user lookup + 6 fraud reads + insert device + insert token, each in autocommit
        ROUND_TRIPS.put("ActivationBenchmark.naive", 9.0);
        // lock + fraud read + record device + insert token, then COMMIT
        ROUND_TRIPS.put("ActivationBenchmark.batched", 5.0);
        ROUND_TRIPS.put("ListingBenchmark.page50", 1.0);
        ROUND_TRIPS.put("ListingBenchmark.records1000", 1.0);
    }

    @Test
    void roundTripsPerOperationAreTheSameBeforeAndAfterTheMigrations() {
        Seeded seeded = SeededDatabase.fresh("jmh_cells");
        try (var dataSource = seeded.dataSource()) {
            List<CellEvidence> before = CellEvidenceCollector.collect(dataSource, seeded.plan(), "before");
            assertCells(before, "before");
            assertSeededRowsOnly(seeded);

            new Migrations(dataSource).migrateToAfter();
            SeededDatabase.execute(dataSource, "ANALYZE");
            List<CellEvidence> after = CellEvidenceCollector.collect(dataSource, seeded.plan(), "after");
            assertCells(after, "after");
            assertSeededRowsOnly(seeded);
        }
    }

    @Test
    void refusesMoreOperationsThanTheReservedPoolHolds() {
        Seeded seeded = SeededDatabase.shared();
        int capacity = new Workload(dev.trialbench.db.Jdbis.create(seeded.dataSource()), seeded.plan()).activationCapacity();
        assertThatThrownBy(() -> CellEvidenceCollector.collect(seeded.dataSource(), seeded.plan(), "before", capacity + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved pool");
        assertThatThrownBy(() -> CellEvidenceCollector.collect(seeded.dataSource(), seeded.plan(), "Before!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema label");
    }

    private static void assertCells(List<CellEvidence> cells, String schema) {
        Map<String, Double> roundTrips = new LinkedHashMap<>();
        for (CellEvidence cell : cells) {
            roundTrips.put(cell.benchmark() + "." + cell.method(), cell.roundTripsPerOp());
            assertThat(cell.schema()).isEqualTo(schema);
            assertThat(cell.operations()).isEqualTo(CellEvidenceCollector.OPERATIONS);
        }
        assertThat(roundTrips).as(schema).containsExactlyEntriesOf(ROUND_TRIPS);

        CellEvidence naive = find(cells, "ActivationBenchmark", "naive");
        assertThat(naive.statementsPerOp()).isEqualTo(9.0);
        assertThat(naive.commitsPerOp()).isZero();
        assertThat(naive.outcomes()).isEqualTo(Map.of("ACTIVATED", (long) CellEvidenceCollector.OPERATIONS));
        CellEvidence batched = find(cells, "ActivationBenchmark", "batched");
        assertThat(batched.statementsPerOp()).isEqualTo(4.0);
        assertThat(batched.commitsPerOp()).isEqualTo(1.0);
        assertThat(batched.outcomes()).isEqualTo(Map.of("ACTIVATED", (long) CellEvidenceCollector.OPERATIONS));
        assertThat(find(cells, "FraudCheckBenchmark", "naive").outcomes()).isEmpty();
    }

    private static CellEvidence find(List<CellEvidence> cells, String benchmark, String method) {
        return cells.stream().filter(cell -> cell.benchmark().equals(benchmark) && cell.method().equals(method))
                .findFirst().orElseThrow();
    }

    private static void assertSeededRowsOnly(Seeded seeded) {
        Map<SeedTable, Long> expected = new EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            expected.put(table, seeded.plan().rowCount(table));
        }
        assertThat(SeededDatabase.rowCounts(seeded.dataSource())).isEqualTo(expected);
    }
}
