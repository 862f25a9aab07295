package dev.trialbench.monitor;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Monitor#snapshot(String, int)} read, in one value for the report and the pipeline, and
 * {@link #toText()} for the terminal. {@code statements} is empty when
 * {@code statementStatistics.usable()} is false. {@code plans} maps a label (such as "listing,
 * AFTER") to a plan, in insertion order. Immutable and thread-safe.
 */
public record MonitorSnapshot(
        Instant capturedAt,
        ServerInfo server,
        StatementStatisticsStatus statementStatistics,
        List<StatementStatistic> statements,
        List<IndexFinding> unusedIndexes,
        List<IndexFinding> duplicateIndexes,
        List<IndexFinding> invalidIndexes,
        HitRatio indexHitRatio,
        HitRatio tableHitRatio,
        ConnectionStats connections,
        Optional<PoolStats> pool,
        List<RelationSize> relations,
        Map<String, Plan> plans) {

    public MonitorSnapshot {
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(statementStatistics, "statementStatistics");
        statements = List.copyOf(statements);
        unusedIndexes = List.copyOf(unusedIndexes);
        duplicateIndexes = List.copyOf(duplicateIndexes);
        invalidIndexes = List.copyOf(invalidIndexes);
        Objects.requireNonNull(indexHitRatio, "indexHitRatio");
        Objects.requireNonNull(tableHitRatio, "tableHitRatio");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(pool, "pool");
        relations = List.copyOf(relations);
        plans = Collections.unmodifiableMap(new LinkedHashMap<>(plans));
    }

    /** A copy with one more plan (replacing one with the same label). */
    public MonitorSnapshot withPlan(String label, Plan plan) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plan, "plan");
        Map<String, Plan> morePlans = new LinkedHashMap<>(plans);
        morePlans.put(label, plan);
        return new MonitorSnapshot(capturedAt, server, statementStatistics, statements, unusedIndexes,
                duplicateIndexes, invalidIndexes, indexHitRatio, tableHitRatio, connections, pool, relations,
                morePlans);
    }

    /** A compact plain-text summary, a few dozen lines, for the terminal. */
    public String toText() {
        return SnapshotText.render(this);
    }
}
