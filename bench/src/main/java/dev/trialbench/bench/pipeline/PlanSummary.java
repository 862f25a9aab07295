package dev.trialbench.bench.pipeline;

import dev.trialbench.monitor.Plan;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The plan of a statement written with named parameters, summarised in one line. Stateless. */
final class PlanSummary {

    private PlanSummary() {
    }

    static String of(Jdbi jdbi, String sql, Map<String, Object> parameters) {
        String json = jdbi.withHandle(handle -> handle.createQuery("EXPLAIN (FORMAT JSON) " + sql)
                .bindMap(parameters)
                .mapTo(String.class)
                .one());
        return Plan.fromJson(json).summary();
    }
}
