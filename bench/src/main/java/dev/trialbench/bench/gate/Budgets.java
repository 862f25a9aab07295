package dev.trialbench.bench.gate;

import dev.trialbench.bench.runfolder.CellKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The default tier-3 budgets, from the optimization report's "Success Metrics", judged on the AFTER
 * measurements (the KPIs describe the optimized system). A baseline stores the budgets it was made
 * with, so a change here takes effect with the next baseline. Stateless.
 *
 * <ul>
 *   <li>P95 query latency &lt; 50 ms, per AFTER cell; margin 10 ms (the gate fails above 40 ms).</li>
 *   <li>Index hit ratio &gt; 95 %; margin 2 points (fails below 97 %).</li>
 *   <li>Zero deadlocks; no margin below zero.</li>
 *   <li>Transaction rollback rate &lt; 1 %; margin 0.5 points (fails above 0.5 %).</li>
 * </ul>
 * "Connection pool utilization &lt; 80 %" is not measured by a run (the load test's job), so it has no
 * budget here rather than a budget that could never be judged.
 */
public final class Budgets {

    static final double P95_LIMIT_MILLIS = 50;
    static final double P95_MARGIN_MILLIS = 10;

    private Budgets() {
    }

    public static List<Budget> defaults() {
        List<Budget> budgets = new ArrayList<>();
        for (CellKey cell : CellKey.EXPECTED) {
            if (CellKey.AFTER.equals(cell.schema())) {
                budgets.add(new Budget("p95 " + cell.label(), "P95 query latency < 50ms", Budget.P95, cell,
                        Direction.LOWER_IS_BETTER, P95_LIMIT_MILLIS, P95_MARGIN_MILLIS, "ms"));
            }
        }
        budgets.add(new Budget("index hit ratio @ after", "Index hit ratio > 95%", Budget.INDEX_HIT_RATIO, null,
                Direction.HIGHER_IS_BETTER, 0.95, 0.02, "fraction"));
        budgets.add(new Budget("deadlocks @ after", "Zero deadlocks per day", Budget.DEADLOCKS, null,
                Direction.LOWER_IS_BETTER, 0, 0, "count"));
        budgets.add(new Budget("rollback rate @ after", "Transaction rollback rate < 1%", Budget.ROLLBACK_RATE, null,
                Direction.LOWER_IS_BETTER, 0.01, 0.005, "fraction"));
        return List.copyOf(budgets);
    }
}
