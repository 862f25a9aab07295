package dev.trialbench.bench.runfolder;

import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where the time goes after the migrations: every statement of the AFTER measurements from
 * pg_stat_statements, costliest first, and how each statement's plan changed from BEFORE to AFTER
 * (indexes gained, sequential scans lost). Immutable.
 */
public final class StatementBreakdown {

    /**
     * @param name           the statement's constant name
     * @param before         its plan summary at BEFORE, null if not recorded
     * @param after          its plan summary at AFTER, null if not recorded
     * @param indexesGained  indexes the AFTER plan uses and the BEFORE plan did not, sorted
     * @param seqScansLost   relations scanned sequentially BEFORE and no longer AFTER, sorted
     * @param seqScansKept   relations still scanned sequentially AFTER, sorted
     */
    public record PlanChange(String name, String before, String after, List<String> indexesGained,
                             List<String> seqScansLost, List<String> seqScansKept) {
    }

    private final List<StatementEvidence> after;
    private final List<PlanChange> planChanges;

    private StatementBreakdown(List<StatementEvidence> after, List<PlanChange> planChanges) {
        this.after = after;
        this.planChanges = planChanges;
    }

    public static StatementBreakdown of(RunEvidence evidence) {
        EvidenceLookup lookup = new EvidenceLookup(evidence);
        List<StatementEvidence> after = lookup.statements(CellKey.AFTER).stream()
                .sorted(Comparator.comparingDouble(StatementEvidence::totalMillis).reversed()
                        .thenComparing(StatementEvidence::name))
                .toList();
        TreeSet<String> names = new TreeSet<>();
        EvidenceLookup.list(evidence.statements()).forEach(statement -> names.add(statement.name()));
        List<PlanChange> changes = new ArrayList<>();
        for (String name : names) {
            Optional<StatementEvidence> before = lookup.statement(CellKey.BEFORE, name);
            Optional<StatementEvidence> now = lookup.statement(CellKey.AFTER, name);
            List<String> indexesBefore = before.map(StatementEvidence::indexes).map(EvidenceLookup::list).orElse(List.of());
            List<String> scansBefore = before.map(StatementEvidence::seqScans).map(EvidenceLookup::list).orElse(List.of());
            List<String> indexesAfter = now.map(StatementEvidence::indexes).map(EvidenceLookup::list).orElse(List.of());
            List<String> scansAfter = now.map(StatementEvidence::seqScans).map(EvidenceLookup::list).orElse(List.of());
            changes.add(new PlanChange(name, before.map(StatementEvidence::plan).orElse(null),
                    now.map(StatementEvidence::plan).orElse(null),
                    minus(indexesAfter, indexesBefore), minus(scansBefore, scansAfter),
                    now.isPresent() ? scansAfter.stream().sorted().toList() : List.of()));
        }
        return new StatementBreakdown(after, List.copyOf(changes));
    }

    /** The AFTER statements, by total time (most first), then by name. */
    public List<StatementEvidence> after() {
        return after;
    }

    /** The statement that now costs the most time in total, if any was recorded. */
    public Optional<StatementEvidence> costliest() {
        return after.stream().findFirst();
    }

    /** Its share of all AFTER statement time, NaN if nothing was recorded. */
    public double costliestShare() {
        double total = after.stream().mapToDouble(StatementEvidence::totalMillis).sum();
        return costliest().map(statement -> statement.totalMillis() / total).orElse(Double.NaN);
    }

    /** Per statement name (sorted), its plan before and after. */
    public List<PlanChange> planChanges() {
        return planChanges;
    }

    private static List<String> minus(List<String> values, List<String> removed) {
        return values.stream().filter(value -> !removed.contains(value)).distinct().sorted().toList();
    }
}
