package dev.trialbench.monitor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
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

    /** Strict: text after the value is refused. Jackson's limits bound nesting, so no stack overflow. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
        JsonNode statement = parse(json).path(0);
        JsonNode root = statement.path("Plan");
        if (!statement.isObject() || !root.isObject()) {
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

    /** The text as a tree; the error names the line and column, never the text (a plan holds literal values). */
    private static JsonNode parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("Invalid JSON: the text is null");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new IllegalArgumentException("Invalid JSON" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
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

    private static void collect(JsonNode node, Set<String> nodeTypes, Set<String> indexNames, Set<String> seqScanned) {
        JsonNode nodeType = node.path("Node Type");
        if (nodeType.isTextual()) {
            nodeTypes.add(nodeType.textValue());
            // JSON format names a parallel sequential scan "Seq Scan" with "Parallel Aware": true.
            JsonNode relation = node.path("Relation Name");
            if (nodeType.textValue().endsWith("Seq Scan") && relation.isTextual()) {
                seqScanned.add(relation.textValue());
            }
        }
        JsonNode indexName = node.path("Index Name");
        if (indexName.isTextual()) {
            indexNames.add(indexName.textValue());
        }
        JsonNode children = node.path("Plans");
        if (children.isArray()) {
            for (JsonNode child : children) {
                if (child.isObject()) {
                    collect(child, nodeTypes, indexNames, seqScanned);
                }
            }
        }
    }

    private static OptionalDouble number(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNumber() ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
    }

    private static OptionalLong whole(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNumber() ? OptionalLong.of(value.longValue()) : OptionalLong.empty();
    }
}
