package dev.trialbench.monitor;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One statement's plan as PostgreSQL's {@code EXPLAIN (FORMAT JSON)} gave it, with a small summary
 * read from it: which node types occur, which indexes are used, which relations are read by a
 * sequential scan. Tests assert on the summary ("AFTER uses idx_reports_user_created, BEFORE
 * seq-scans reports"), which depends on the schema and the statistics, never on the machine's speed.
 *
 * <p>{@code executionTimeMs}, {@code sharedBlocksHit} and {@code sharedBlocksRead} are present only
 * for {@code EXPLAIN (ANALYZE, BUFFERS)}; the block counts are the top node's, which include its
 * children's. Sets keep the order in which the plan tree lists them (depth first).
 *
 * <p>Immutable and thread-safe.
 */
public record Plan(
        String json,
        Set<String> nodeTypes,
        Set<String> indexNames,
        Set<String> seqScannedRelations,
        double totalCost,
        double estimatedRows,
        OptionalDouble executionTimeMs,
        OptionalLong sharedBlocksHit,
        OptionalLong sharedBlocksRead) {

    public Plan {
        Objects.requireNonNull(json, "json");
        nodeTypes = Collections.unmodifiableSet(new LinkedHashSet<>(nodeTypes));
        indexNames = Collections.unmodifiableSet(new LinkedHashSet<>(indexNames));
        seqScannedRelations = Collections.unmodifiableSet(new LinkedHashSet<>(seqScannedRelations));
        Objects.requireNonNull(executionTimeMs, "executionTimeMs");
        Objects.requireNonNull(sharedBlocksHit, "sharedBlocksHit");
        Objects.requireNonNull(sharedBlocksRead, "sharedBlocksRead");
    }

    /**
     * Reads the text of {@code EXPLAIN (FORMAT JSON)}: an array holding one object whose "Plan" is
     * the root node; child nodes (including InitPlans and SubPlans) are under "Plans".
     *
     * @throws IllegalArgumentException if the text is not JSON of that shape
     */
    public static Plan fromJson(String json) {
        Object parsed = JsonParser.parse(json);
        if (!(parsed instanceof List<?> statements) || statements.isEmpty()
                || !(statements.get(0) instanceof Map<?, ?> statement)
                || !(statement.get("Plan") instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("Not an EXPLAIN (FORMAT JSON) result: expected [ { \"Plan\": { ... } } ]");
        }
        Set<String> nodeTypes = new LinkedHashSet<>();
        Set<String> indexNames = new LinkedHashSet<>();
        Set<String> seqScanned = new LinkedHashSet<>();
        collect(root, nodeTypes, indexNames, seqScanned);
        return new Plan(json, nodeTypes, indexNames, seqScanned,
                number(root, "Total Cost").orElse(Double.NaN),
                number(root, "Plan Rows").orElse(Double.NaN),
                number(statement, "Execution Time"),
                whole(root, "Shared Hit Blocks"),
                whole(root, "Shared Read Blocks"));
    }

    /** Whether the plan was measured ({@code ANALYZE}) rather than only estimated. */
    public boolean analyzed() {
        return executionTimeMs.isPresent();
    }

    public boolean usesIndex(String indexName) {
        return indexNames.contains(indexName);
    }

    public boolean seqScans(String relationName) {
        return seqScannedRelations.contains(relationName);
    }

    /** One line: node types, indexes, seq-scanned relations, estimated cost (and time if measured). */
    public String summary() {
        StringBuilder line = new StringBuilder(String.join(" > ", nodeTypes));
        if (!indexNames.isEmpty()) {
            line.append("; indexes ").append(String.join(", ", indexNames));
        }
        if (!seqScannedRelations.isEmpty()) {
            line.append("; seq scan on ").append(String.join(", ", seqScannedRelations));
        }
        line.append("; cost ").append(String.format(Locale.ROOT, "%.2f", totalCost));
        executionTimeMs.ifPresent(ms -> line.append("; executed in ")
                .append(String.format(Locale.ROOT, "%.3f", ms)).append(" ms"));
        return line.toString();
    }

    private static void collect(Map<?, ?> node, Set<String> nodeTypes, Set<String> indexNames, Set<String> seqScanned) {
        if (node.get("Node Type") instanceof String nodeType) {
            nodeTypes.add(nodeType);
            // JSON format names a parallel sequential scan "Seq Scan" with "Parallel Aware": true.
            if (nodeType.endsWith("Seq Scan") && node.get("Relation Name") instanceof String relation) {
                seqScanned.add(relation);
            }
        }
        if (node.get("Index Name") instanceof String indexName) {
            indexNames.add(indexName);
        }
        if (node.get("Plans") instanceof List<?> children) {
            for (Object child : children) {
                if (child instanceof Map<?, ?> childNode) {
                    collect(childNode, nodeTypes, indexNames, seqScanned);
                }
            }
        }
    }

    private static OptionalDouble number(Map<?, ?> node, String key) {
        return node.get(key) instanceof BigDecimal value ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
    }

    private static OptionalLong whole(Map<?, ?> node, String key) {
        return node.get(key) instanceof BigDecimal value ? OptionalLong.of(value.longValue()) : OptionalLong.empty();
    }
}
