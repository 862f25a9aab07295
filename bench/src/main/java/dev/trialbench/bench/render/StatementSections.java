package dev.trialbench.bench.render;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.StatementBreakdown;
import java.util.ArrayList;
import java.util.List;

/** The statement breakdown after the migrations, and the plan differences per statement. Stateless. */
final class StatementSections {

    private StatementSections() {
    }

    static List<Section> of(RunEvidence evidence) {
        StatementBreakdown breakdown = StatementBreakdown.of(evidence);
        Section time = evidence.statementStatisticsNotCollected() != null
                ? notCollected(evidence.statementStatisticsNotCollected(), breakdown)
                : breakdown(breakdown);
        return List.of(time, planChanges(breakdown));
    }

    /**
     * Without pg_stat_statements the calls and times are not collected (not zero): say so, and which
     * statements still scan a table after the migrations, from their plans.
     */
    private static Section notCollected(String reason, StatementBreakdown breakdown) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(Inline.bold("Not collected") + ": pg_stat_statements could not be read on this server ("
                + reason + "), so calls, times and blocks per statement are not collected."));
        List<String> scanning = breakdown.after().stream().filter(statement -> !EvidenceLookup.list(statement.seqScans()).isEmpty())
                .map(statement -> Inline.code(statement.name()) + " (" + String.join(", ", statement.seqScans()) + ")")
                .toList();
        blocks.add(new Paragraph("Still scanning after the migrations, from the plans (Seq Scan nodes): "
                + (scanning.isEmpty() ? "none." : String.join(", ", scanning) + ".")));
        return new Section("statements", "Where the time goes after the migrations", blocks);
    }

    private static Section breakdown(StatementBreakdown breakdown) {
        List<Block> blocks = new ArrayList<>();
        if (breakdown.after().isEmpty()) {
            blocks.add(new Paragraph("Not recorded: `evidence.json` holds no statement of the AFTER measurements."));
            return new Section("statements", "Where the time goes after the migrations", blocks);
        }
        StatementEvidence costliest = breakdown.costliest().orElseThrow();
        blocks.add(new Paragraph(Inline.bold(Inline.code(costliest.name()) + " now costs the most") + ": "
                + Numbers.ms(costliest.totalMillis()) + " in total over " + Numbers.count(costliest.calls()) + " calls, "
                + Numbers.percent(breakdown.costliestShare()) + " of all statement time during the AFTER measurements;"
                + " its plan: " + Inline.code(costliest.plan()) + "."));
        blocks.add(new Paragraph("From pg_stat_statements over the AFTER measurements, by total time; shared blocks per"
                + " call are buffer hits and reads (a read was not in shared_buffers, the OS cache may still have had it)."));
        List<List<String>> rows = breakdown.after().stream().map(statement -> List.of(Inline.code(statement.name()),
                Numbers.count(statement.calls()), Numbers.millis(statement.meanMillis()),
                Numbers.millis(statement.totalMillis()), Numbers.decimal(statement.sharedHitPerCall(), 1),
                Numbers.decimal(statement.sharedReadPerCall(), 1), Inline.code(statement.plan()))).toList();
        blocks.add(new Table(List.of("statement", "calls", "mean ms", "total ms", "shared hit/call", "shared read/call",
                "plan"), rows));
        return new Section("statements", "Where the time goes after the migrations", blocks);
    }

    private static Section planChanges(StatementBreakdown breakdown) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Per statement, its EXPLAIN summary before and after the migrations (same data,"
                + " same representative values)."));
        List<List<String>> rows = new ArrayList<>();
        for (StatementBreakdown.PlanChange change : breakdown.planChanges()) {
            rows.add(List.of(Inline.code(change.name()), plan(change.before()), plan(change.after()),
                    names(change.indexesGained()), names(change.seqScansLost()), names(change.seqScansKept())));
        }
        blocks.add(rows.isEmpty() ? new Paragraph("Not recorded: `evidence.json` holds no statement.")
                : new Table(List.of("statement", "plan before", "plan after", "indexes gained", "seq scans lost",
                "seq scans left"), rows));
        return new Section("plans", "Plan differences, before and after", blocks);
    }

    private static String plan(String plan) {
        return plan == null ? "not recorded" : Inline.code(plan);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "-" : String.join(", ", names.stream().map(Inline::code).toList());
    }
}
