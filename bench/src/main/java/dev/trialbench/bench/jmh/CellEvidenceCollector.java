package dev.trialbench.bench.jmh;

import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.StatementCounter;
import dev.trialbench.seed.SeedPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The deterministic tier of the evidence: statements, commits and round trips per operation of every
 * benchmark cell, counted on the connection ({@link StatementCounter}) while the very operation the
 * benchmark times ({@link Cell}, {@link Workload}) runs {@value #OPERATIONS} times. Numbers that do
 * not depend on how fast the machine is; run it once per schema state, beside the JMH run.
 *
 * <p>Activation cells start from a fresh reserved pool and record their outcomes; the pool is reset
 * again at the end, so the database is left as seeded. Stateless; not meant to run concurrently with
 * a benchmark on the same database (both use the reserved pool).
 */
public final class CellEvidenceCollector {

    /** Operations counted per cell. */
    public static final int OPERATIONS = 20;

    private CellEvidenceCollector() {
    }

    /** Every cell, {@value #OPERATIONS} operations each. */
    public static List<CellEvidence> collect(DataSource dataSource, SeedPlan plan, String schema) {
        return collect(dataSource, plan, schema, OPERATIONS);
    }

    /**
     * @param dataSource the seeded database, not counted; the collector counts through its own wrapper
     * @param plan       the data set seeded into it
     * @param schema     the label of the schema state ({@code before} or {@code after}), as given to JMH
     * @param operations operations per cell, at least 1, at most the reserved pool's capacity
     */
    public static List<CellEvidence> collect(DataSource dataSource, SeedPlan plan, String schema, int operations) {
        JmhRunner.checkSchemaLabel(schema);
        StatementCounter counter = new StatementCounter();
        Jdbi counted = Jdbis.create(counter.wrap(dataSource));
        Workload workload = new Workload(counted, plan);
        if (operations < 1 || operations > workload.activationCapacity()) {
            throw new IllegalArgumentException("operations per cell must be within 1.." + workload.activationCapacity()
                    + " (the reserved pool), was " + operations);
        }
        TrialActivation naive = new NaiveActivation(counted);
        TrialActivation batched = new BatchedActivation(counted);
        List<CellEvidence> cells = new ArrayList<>();
        try {
            for (Cell cell : Cell.values()) {
                if (cell.writes()) {
                    workload.reset();
                }
                counter.reset();
                for (int i = 0; i < operations; i++) {
                    cell.runOnce(workload, naive, batched);
                }
                StatementCounter.Counts counts = counter.snapshot();
                Map<String, Long> outcomes = cell.writes() ? workload.outcomes() : Map.of();
                cells.add(new CellEvidence(cell.benchmark(), cell.method(), schema, operations,
                        perOperation(counts.executions(), operations), perOperation(counts.commits(), operations),
                        perOperation(counts.roundTrips(), operations), outcomes));
            }
        } finally {
            workload.reset();
        }
        return List.copyOf(cells);
    }

    private static double perOperation(long total, int operations) {
        return (double) total / operations;
    }
}
