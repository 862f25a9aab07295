package dev.trialbench.bench.render;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunEvidence.HarnessOverhead;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The harness's own cost at one client: the JMH cell of the batched activation after the migrations
 * beside pgbench with one client running the same transaction, measured right after it on the same
 * database. The ratio of their means is what the JVM, Jdbi, HikariCP, the activation's Java code and
 * JMH add (the goal: at most {@value #GOAL}x); the round trips of each side and the run's
 * {@code SELECT 1} floor tell how much of the difference is round trips. Stateless.
 */
final class HarnessOverheadSection {

    /** The goal for JMH's mean over pgbench's mean on the same transaction at one client. */
    static final double GOAL = 1.25;

    private static final String ID = "harness-overhead";
    private static final String HEADING = "Harness overhead: the JMH cell against pgbench at one client";

    private HarnessOverheadSection() {
    }

    static Section of(RunFolder run) {
        HarnessOverhead pgbench = run.evidence().harnessOverhead();
        if (pgbench == null) {
            return new Section(ID, HEADING, List.of(new Paragraph("Not recorded: `evidence.json` has no"
                    + " `harnessOverhead` (runs made before it was measured).")));
        }
        CellKey key = CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER);
        Optional<CellResult> cell = run.cells().stream().filter(result -> key.equals(result.key())).findFirst();
        if (pgbench.meanMillis() == null || cell.isEmpty()) {
            return new Section(ID, HEADING, List.of(new Paragraph("Not measured: " + (cell.isEmpty()
                    ? "the run has no JMH cell " + key.label() : pgbench.note()) + ".")));
        }
        CellResult jmh = cell.get();
        double ratio = jmh.meanMillis() / pgbench.meanMillis();
        EvidenceLookup evidence = new EvidenceLookup(run.evidence());
        double jmhTrips = evidence.roundTrips(key);
        Optional<CellResult> floor = run.cells().stream().filter(result -> key.floor().equals(result.key())).findFirst();
        List<String> items = new ArrayList<>();
        items.add("JMH, " + key.label() + " (one thread, Jdbi on HikariCP, the activation's Java code): mean "
                + Numbers.ms(jmh.meanMillis()) + ", p50 " + Numbers.ms(jmh.p50Millis()) + ", "
                + (Double.isNaN(jmhTrips) ? "round trips not counted" : Numbers.perOp(jmhTrips) + " round trips per operation"));
        items.add("pgbench, " + pgbench.clients() + " client, the same statements for " + pgbench.seconds() + " s: mean "
                + Numbers.ms(pgbench.meanMillis()) + ", p50 " + Numbers.ms(pgbench.p50Millis()) + ", "
                + Numbers.decimal(pgbench.tps(), 1) + " transactions/s, " + pgbench.roundTrips()
                + " round trips per transaction, " + pgbench.failed() + " failed (" + pgbench.note() + ")");
        items.add("JMH / pgbench: " + Numbers.factor(ratio) + " on the mean, "
                + Numbers.factor(jmh.p50Millis() / pgbench.p50Millis()) + " on the p50; the goal is at most "
                + Numbers.factor(GOAL) + ": " + (ratio <= GOAL ? "**met**" : "**not met**"));
        double difference = jmh.meanMillis() - pgbench.meanMillis();
        if (floor.isPresent() && !Double.isNaN(jmhTrips)) {
            double trip = floor.get().meanMillis();
            double trips = (jmhTrips - pgbench.roundTrips()) * trip;
            items.add("JMH minus pgbench: " + Numbers.ms(difference) + " per operation; of it, "
                    + Numbers.ms(trips) + " is the difference in round trips (" + Numbers.perOp(jmhTrips) + " against "
                    + pgbench.roundTrips() + ", at the run's `SELECT 1` floor of " + Numbers.ms(trip)
                    + " each) and the remaining " + Numbers.ms(difference - trips) + " what the JVM side adds per"
                    + " operation (pgjdbc, HikariCP, Jdbi's statement handling, the fraud policy in Java, the"
                    + " benchmark's bookkeeping and JMH's sampling), an estimate by subtraction, not a profile");
        }
        return new Section(ID, HEADING, List.of(new Paragraph("pgbench ran the batched activation's accepted-activation"
                + " transaction (the statements of `ActivationSql`, in the batched path's order) with one client right"
                + " after the JMH cells of the AFTER schema, on the same database: what the transaction costs without the"
                + " harness."), new Bullets(items)));
    }
}
