package dev.trialbench.bench.gate;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.RunEvidence.DatabaseEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tier 3: the baseline's budgets (the report's KPIs with their margins, {@link Budgets}) judged on this
 * run's AFTER figures. Absolute figures depend on the machine, so CI runs tiers 1 and 2; tier 3 is for
 * a run on the machine the budgets speak of. Stateless.
 */
final class BudgetChecks {

    static final int TIER = 3;

    private BudgetChecks() {
    }

    static List<Check> of(Baseline baseline, RunFolder run) {
        Factorial factorial = Factorial.of(run.cells());
        Optional<DatabaseEvidence> after = BaselineBuilder.list(run.evidence().database()).stream()
                .filter(database -> CellKey.AFTER.equals(database.schema())).findFirst();
        List<Check> checks = new ArrayList<>();
        for (Budget budget : baseline.budgets()) {
            checks.add(check(budget, measure(budget, factorial, after)));
        }
        return checks;
    }

    /** The figure, or a sentence saying why there is none. */
    private record Measured(double value, String missing) {
    }

    private static Measured measure(Budget budget, Factorial factorial, Optional<DatabaseEvidence> after) {
        String noDatabase = "evidence.json has no database figures for the AFTER measurements";
        return switch (budget.metric()) {
            case Budget.P95 -> budget.cell() == null ? new Measured(Double.NaN, "the budget names no cell")
                    : factorial.cell(budget.cell()).map(CellResult::p95Millis).map(p95 -> new Measured(p95, null))
                    .orElse(new Measured(Double.NaN, budget.cell().label() + " was not measured (no result in jmh-"
                            + budget.cell().schema() + ".json)"));
            case Budget.INDEX_HIT_RATIO -> after.map(database -> database.indexHitRatio() == null
                    ? new Measured(Double.NaN, "no index hit ratio recorded (no index reads at all?)")
                    : new Measured(database.indexHitRatio(), null)).orElse(new Measured(Double.NaN, noDatabase));
            case Budget.DEADLOCKS -> after.map(database -> new Measured(database.deadlocks(), null))
                    .orElse(new Measured(Double.NaN, noDatabase));
            case Budget.ROLLBACK_RATE -> after.map(database -> database.commits() + database.rollbacks() == 0
                    ? new Measured(Double.NaN, "no transaction was recorded")
                    : new Measured((double) database.rollbacks() / (database.commits() + database.rollbacks()), null))
                    .orElse(new Measured(Double.NaN, noDatabase));
            default -> new Measured(Double.NaN, "unknown metric \"" + budget.metric()
                    + "\" (a baseline made by another trialbench version? make it again)");
        };
    }

    private static Check check(Budget budget, Measured measured) {
        boolean lower = budget.direction() == Direction.LOWER_IS_BETTER;
        String expected = (lower ? "<= " : ">= ") + budget.format(budget.threshold());
        String tolerance = (budget.margin() == 0 ? "no margin" : "margin " + budget.format(budget.margin()))
                + " inside \"" + budget.kpi() + "\"";
        String subject = budget.cell() == null ? "database @ after" : budget.cell().label();
        if (measured.missing() != null) {
            return Check.notMeasured(TIER, budget.name(), subject, expected, budget.name() + ": " + measured.missing());
        }
        double value = measured.value();
        GateVerdict verdict = budget.band().judge(value, budget.direction());
        String message = "";
        if (verdict == GateVerdict.REGRESSION) {
            boolean kpiBroken = lower ? value >= budget.limit() : value <= budget.limit();
            message = budget.name() + ": " + budget.format(value) + ", " + (lower ? "above" : "below") + " the gate's "
                    + budget.format(budget.threshold()) + " (the report's KPI \"" + budget.kpi() + "\" with a margin of "
                    + budget.format(budget.margin()) + ")" + (kpiBroken ? "; the KPI itself is broken" : "");
        }
        return new Check(TIER, budget.name(), subject, expected, budget.format(value), tolerance, budget.direction(),
                verdict, message);
    }
}
