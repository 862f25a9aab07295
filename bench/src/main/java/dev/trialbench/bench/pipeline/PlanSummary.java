package dev.trialbench.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The scan nodes of a statement's plan, in one line (for the terminal). Stateless. */
final class PlanSummary {

    private PlanSummary() {
    }

    static String of(Jdbi jdbi, String sql, Map<String, Object> parameters) {
        List<String> lines = jdbi.withHandle(handle -> handle.createQuery("EXPLAIN " + sql)
                .bindMap(parameters)
                .mapTo(String.class)
                .list());
        List<String> scans = new ArrayList<>();
        for (String line : lines) {
            String node = line.strip().replaceFirst("^->\\s*", "");
            if (node.contains("Scan")) {
                scans.add(node.replaceAll("\\s+\\(cost=.*$", ""));
            }
        }
        return String.join("; ", scans);
    }
}
