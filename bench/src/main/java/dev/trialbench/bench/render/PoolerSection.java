package dev.trialbench.bench.render;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.pooler.PoolerCorrectness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * "pgBouncer against direct": from {@code pgbouncer.json} alone, the configuration the run's pooler
 * was started with, what transaction pooling broke (SQLStates and the server's words), the latency
 * it added at one client (JMH p50 per cell, direct and pooled, the added figure with its range over
 * the forks) and the load of several service instances, direct and pooled. The verdict is the claim
 * row's ("Consider pgBouncer for production"). A run without the file, or one that skipped the
 * section, gets a paragraph saying so. Stateless.
 */
final class PoolerSection {

    private static final String ID = "pgbouncer";
    private static final String HEADING = "pgBouncer (transaction pooling) against direct connections";

    private PoolerSection() {
    }

    static Section of(Optional<PoolerEvidence> read) {
        if (read.isEmpty()) {
            return new Section(ID, HEADING, List.of(new Paragraph("Not recorded: this run has no `" + PoolerEvidence.FILE
                    + "` (made before the pooler section existed).")));
        }
        PoolerEvidence evidence = read.get();
        if (evidence.skipped() != null) {
            return new Section(ID, HEADING, List.of(new Paragraph("Skipped: " + evidence.skipped() + ".")));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(evidence.version() + " in front of the run's own server and database, started for this"
                + " section on a free port of 127.0.0.1 with a configuration written for the run, stopped at its end."));
        blocks.add(new Bullets(evidence.configuration().stream().map(Inline::code).toList()));
        PoolerCorrectness.Findings findings = evidence.correctness();
        if (findings != null) {
            blocks.add(new Subheading("What transaction pooling breaks"));
            blocks.add(new Table(List.of("probe", "outcome"), List.of(
                    List.of("Fix 4's pool (timeouts in the startup packet, `options`), strict pooler",
                            outcome(findings.fix4PoolStrict())),
                    List.of("the same, `options` in ignore_startup_parameters", outcome(findings.fix4PoolOptionsIgnored())
                            + " (Fix 4 sets " + findings.fix4StatementTimeout() + ")"),
                    List.of("the same, Fix 4's timeouts in pgBouncer's connect_query", outcome(findings.fix4PoolConnectQuery())),
                    List.of("two clients on one server connection, pgjdbc's default prepareThreshold (5)",
                            outcome(findings.preparedDefault())),
                    List.of("the same with prepareThreshold=0", outcome(findings.preparedThresholdZero())),
                    List.of("one client's `SET statement_timeout = '" + findings.leakedValue() + "'`, the next client's"
                            + " `SHOW`", outcome(findings.sessionSetLeak())))));
            blocks.add(new Paragraph("A transaction-scoped advisory lock (the batched path's `pg_advisory_xact_lock`)"
                    + " is released at commit and is safe here; Flyway's session-level lock is not, so migrations connect"
                    + " to the server directly."));
        }
        blocks.add(new Subheading("Latency added at one client (JMH, after the migrations)"));
        if (evidence.latency().isEmpty()) {
            blocks.add(new Paragraph("Not measured" + (evidence.latencyNote() == null ? "." : ": " + evidence.latencyNote())));
        } else {
            blocks.add(new Table(List.of("cell", "p50 direct", "p50 pooled", "added p50 [range over forks]", "p95 direct",
                    "p95 pooled"), evidence.latency().stream().map(cell -> {
                        double[] range = cell.addedP50Range();
                        return List.of(Inline.code(cell.benchmark()), Numbers.ms(cell.directP50() / 1000),
                                Numbers.ms(cell.pooledP50() / 1000), Numbers.ms(cell.addedP50() / 1000)
                                        + (cell.singleFork() ? " (one fork: no range)" : " ["
                                        + Numbers.ms(range[0] / 1000) + ", " + Numbers.ms(range[1] / 1000) + "]"),
                                Numbers.ms(cell.directP95() / 1000), Numbers.ms(cell.pooledP95() / 1000));
                    }).toList()));
        }
        PoolerEvidence.Load load = evidence.load();
        blocks.add(new Subheading("Several service instances"));
        if (load == null) {
            blocks.add(new Paragraph("Not measured" + (evidence.loadNote() == null ? "." : ": " + evidence.loadNote())));
        } else {
            blocks.add(new Paragraph(load.instances() + " instances, each a Fix 4 pool of " + load.poolSize()
                    + " connections and as many threads running the batched activation back to back for "
                    + Numbers.decimal(load.seconds(), 0) + " s (or until the reserved users ran out); pgBouncer's"
                    + " default_pool_size " + load.pgbouncerServerPool() + ". Server connections: the most backends"
                    + " of the run's database at once, sampled every 20 ms."
                    + (evidence.loadNote() == null ? "" : " " + capitalized(evidence.loadNote()) + ".")));
            blocks.add(new Table(List.of("", "activations", "per second", "p50", "p95", "p99", "failed",
                    "server connections"), List.of(side("direct", load.direct()), side("through pgBouncer", load.pooled()))));
        }
        return new Section(ID, HEADING, blocks);
    }

    private static List<String> side(String label, PoolerEvidence.Side side) {
        String failed = side.failuresBySqlState().isEmpty() ? Numbers.count(side.failed())
                : Numbers.count(side.failed()) + " (" + side.failuresBySqlState().entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", ")) + ")";
        return List.of(label, Numbers.count(side.activations()), Numbers.decimal(side.perSecond(), 0),
                Numbers.ms(side.p50Millis()), Numbers.ms(side.p95Millis()), Numbers.ms(side.p99Millis()), failed,
                Integer.toString(side.maxServerConnections()));
    }

    private static String outcome(PoolerCorrectness.Outcome outcome) {
        if (outcome.worked()) {
            return "works" + (outcome.shown() == null ? "" : ": " + Inline.code(outcome.shown()));
        }
        return "fails: " + outcome.sqlState() + " " + Inline.code(outcome.message());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
