package dev.trialbench.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Judges the indexes of every user schema of the current database from one catalog read: which
 * are unused, duplicated, made redundant by a longer index, or INVALID.
 *
 * <ul>
 *   <li><b>Unused</b>: {@code idx_scan = 0} in {@code pg_stat_user_indexes}, valid, and enforcing
 *       nothing: indexes that are UNIQUE (also without a constraint: the V3 fingerprint index is the
 *       arbiter of an {@code ON CONFLICT}), back a primary key, unique or exclusion constraint are
 *       never reported, since they do their job without being scanned. Counters start at the last
 *       statistics reset, so "unused" means "since then".</li>
 *   <li><b>Duplicate</b>: same table, access method, key and INCLUDE columns, operator classes,
 *       collations, sort options (ASC/DESC, NULLS), expressions and predicate. Of such a group one
 *       index is kept (one backing a constraint, else a unique one, else the oldest) and the others
 *       are reported against it.</li>
 *   <li><b>Prefix-redundant</b>: a btree index without expressions or INCLUDE columns, enforcing
 *       nothing, whose key columns (with their operator classes, collations and sort options) are a
 *       strict leading prefix of another valid btree index's on the same table, with the same
 *       predicate. A weaker finding: the shorter index is smaller, so check before dropping it.</li>
 *   <li><b>Invalid</b>: {@code pg_index.indisvalid = false}, typically left by a failed
 *       {@code CREATE INDEX CONCURRENTLY}. Invalid indexes are excluded from the other findings.</li>
 * </ul>
 *
 * Immutable once loaded, hence thread-safe.
 */
final class IndexAudit {

    private static final String INDEXES_SQL = """
            SELECT i.indexrelid::bigint AS index_oid, n.nspname AS schema_name, t.relname AS table_name,
                   c.relname AS index_name, am.amname AS access_method,
                   i.indisunique, i.indisexclusion, i.indisvalid, i.indisready, i.indnkeyatts,
                   i.indkey::text AS columns, i.indclass::text AS operator_classes,
                   i.indcollation::text AS collations, i.indoption::text AS sort_options,
                   pg_get_expr(i.indexprs, i.indrelid) AS expressions,
                   pg_get_expr(i.indpred, i.indrelid) AS predicate,
                   pg_get_indexdef(i.indexrelid) AS definition,
                   pg_relation_size(i.indexrelid) AS size_bytes,
                   EXISTS (SELECT 1 FROM pg_constraint k
                           WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                             AND k.contype IN ('p', 'u', 'x')) AS backs_constraint,
                   s.idx_scan, s.idx_tup_read, s.idx_tup_fetch
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_am am ON am.oid = c.relam
            LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%'
              AND n.nspname NOT LIKE 'pg\\_temp\\_%'
            ORDER BY n.nspname, t.relname, c.relname""";

    /** Foreign keys of the user schemas, with their columns' numbers and names in the constraint's order. */
    private static final String FOREIGN_KEYS_SQL = """
            SELECT k.conname AS constraint_name, n.nspname AS schema_name, t.relname AS table_name,
                   array_to_string(k.conkey, ' ') AS columns,
                   (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
                    FROM unnest(k.conkey) WITH ORDINALITY AS x (attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) AS column_names,
                   r.relname AS referenced_table,
                   CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                                      WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END AS on_delete,
                   pg_get_constraintdef(k.oid) AS definition,
                   pg_relation_size(k.conrelid) AS table_bytes
            FROM pg_constraint k
            JOIN pg_class t ON t.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype = 'f'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%'
            ORDER BY n.nspname, t.relname, k.conname""";

    /** One foreign key as the catalog has it. */
    private record ForeignKey(String constraint, String schema, String table, List<Integer> columns,
                              List<String> columnNames, String referencedTable, String onDelete, String definition,
                              long tableBytes) {
    }

    private static final String STATISTICS_RESET_SQL = """
            SELECT coalesce('the statistics reset at ' || stats_reset::text,
                            'the statistics were started (never reset)')
            FROM pg_stat_database WHERE datname = current_database()""";

    private static final Comparator<IndexDefinition> KEEP_FIRST = Comparator
            .comparing(IndexDefinition::backsConstraint).reversed()
            .thenComparing(Comparator.comparing(IndexDefinition::unique).reversed())
            .thenComparingLong(IndexDefinition::oid);

    private final List<IndexDefinition> indexes;
    private final List<ForeignKey> foreignKeys;
    private final String statisticsSince;

    IndexAudit(List<IndexDefinition> indexes, String statisticsSince) {
        this(indexes, List.of(), statisticsSince);
    }

    private IndexAudit(List<IndexDefinition> indexes, List<ForeignKey> foreignKeys, String statisticsSince) {
        this.indexes = List.copyOf(indexes);
        this.foreignKeys = List.copyOf(foreignKeys);
        this.statisticsSince = statisticsSince;
    }

    static IndexAudit load(DataSource dataSource) {
        List<IndexDefinition> indexes = Jdbc.list(dataSource, "the index catalog", INDEXES_SQL, row -> new IndexDefinition(
                row.getLong("index_oid"), row.getString("schema_name"), row.getString("table_name"),
                row.getString("index_name"), row.getString("access_method"),
                row.getBoolean("indisunique"), row.getBoolean("indisexclusion"), row.getBoolean("backs_constraint"),
                row.getBoolean("indisvalid"), row.getBoolean("indisready"), row.getInt("indnkeyatts"),
                IndexDefinition.smallNumbers(row.getString("columns")),
                IndexDefinition.numbers(row.getString("operator_classes")),
                IndexDefinition.numbers(row.getString("collations")),
                IndexDefinition.smallNumbers(row.getString("sort_options")),
                row.getString("expressions"), row.getString("predicate"), row.getString("definition"),
                row.getLong("size_bytes"),
                row.getObject("idx_scan", Long.class),
                row.getObject("idx_tup_read", Long.class),
                row.getObject("idx_tup_fetch", Long.class)));
        List<ForeignKey> foreignKeys = Jdbc.list(dataSource, "the foreign keys", FOREIGN_KEYS_SQL, row -> new ForeignKey(
                row.getString("constraint_name"), row.getString("schema_name"), row.getString("table_name"),
                IndexDefinition.smallNumbers(row.getString("columns")),
                List.of(row.getString("column_names").split(",")), row.getString("referenced_table"),
                row.getString("on_delete"), row.getString("definition"), row.getLong("table_bytes")));
        String since = Jdbc.one(dataSource, "the statistics reset time", STATISTICS_RESET_SQL, row -> row.getString(1));
        return new IndexAudit(indexes, foreignKeys, since);
    }

    /**
     * Foreign keys whose columns no valid index starts with (in any order of those columns), counting a
     * partial index only when its predicate is {@code column IS NOT NULL} on one of them.
     */
    List<ForeignKeyFinding> foreignKeysWithoutIndex() {
        List<ForeignKeyFinding> findings = new ArrayList<>();
        for (ForeignKey key : foreignKeys) {
            List<IndexDefinition> leading = indexes.stream()
                    .filter(index -> index.valid() && index.schema().equals(key.schema())
                            && index.table().equals(key.table()) && startsWith(index, key.columns()))
                    .toList();
            boolean supported = leading.stream().anyMatch(index -> index.predicate() == null
                    || key.columnNames().stream().anyMatch(column -> isNotNullOf(index.predicate(), column)));
            if (supported) {
                continue;
            }
            List<String> partial = leading.stream().map(index -> index.name() + " WHERE " + index.predicate()).toList();
            String columns = String.join(", ", key.columnNames());
            findings.add(new ForeignKeyFinding(key.constraint(), key.schema(), key.table(), key.columnNames(),
                    key.referencedTable(), key.onDelete(), key.definition(), key.tableBytes(), partial,
                    "No index starts with " + key.table() + " (" + columns + ")"
                            + (partial.isEmpty() ? "" : " on all its rows (only " + String.join("; ", partial) + ")")
                            + ": each DELETE of a " + key.referencedTable() + " row (ON DELETE " + key.onDelete()
                            + ") scans the whole of " + key.table() + " to find the rows that reference it."
                            + " CREATE INDEX CONCURRENTLY on (" + columns + ") makes it a lookup."));
        }
        return List.copyOf(findings);
    }

    /** The index's first key columns are exactly {@code columns}, in any order; no expression among them. */
    private static boolean startsWith(IndexDefinition index, List<Integer> columns) {
        if (index.expressions() != null || index.keyColumnCount() < columns.size()) {
            return false;
        }
        return new TreeSet<>(index.keyColumns().subList(0, columns.size())).equals(new TreeSet<>(columns));
    }

    /** Whether a predicate ({@code pg_get_expr} form) is "{@code column IS NOT NULL}" and nothing else. */
    private static boolean isNotNullOf(String predicate, String column) {
        String bare = predicate.strip();
        while (bare.startsWith("(") && bare.endsWith(")")) {
            bare = bare.substring(1, bare.length() - 1).strip();
        }
        return bare.equals(column + " IS NOT NULL");
    }

    List<IndexUsage> usage() {
        return indexes.stream()
                .filter(index -> index.scans() != null)
                .map(index -> new IndexUsage(index.schema(), index.table(), index.name(), index.scans(),
                        index.tuplesRead(), index.tuplesFetched(), index.sizeBytes(), index.unique()))
                .toList();
    }

    List<IndexFinding> unused() {
        return indexes.stream()
                .filter(index -> index.valid() && !index.enforcesSomething())
                .filter(index -> index.scans() != null && index.scans() == 0)
                .map(index -> finding(IndexFinding.Kind.UNUSED, index,
                        "idx_scan = 0 since " + statisticsSince + "; it enforces nothing (not unique, backs no"
                                + " constraint), so only writes pay for it. Check every workload (and replicas,"
                                + " which count separately) before dropping it.", null))
                .toList();
    }

    List<IndexFinding> invalid() {
        return indexes.stream()
                .filter(index -> !index.valid())
                .map(index -> finding(IndexFinding.Kind.INVALID, index, index.ready()
                        ? "INVALID: queries never use it, yet every write still maintains it. Usually a failed"
                                + " CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY (or one still running):"
                                + " DROP INDEX CONCURRENTLY it, fix the cause (for a unique index: the duplicated"
                                + " values) and build it again."
                        : "INVALID and not yet ready: a concurrent build failed early or is still running;"
                                + " queries never use it. DROP INDEX CONCURRENTLY it and build it again.", null))
                .toList();
    }

    /** Exact duplicates first, then prefix-redundant indexes; each index is reported at most once. */
    List<IndexFinding> duplicates() {
        List<IndexFinding> findings = new ArrayList<>();
        Set<Long> reported = new TreeSet<>();
        Map<List<Object>, List<IndexDefinition>> groups = new LinkedHashMap<>();
        for (IndexDefinition index : indexes) {
            if (index.valid()) {
                groups.computeIfAbsent(signature(index), key -> new ArrayList<>()).add(index);
            }
        }
        for (List<IndexDefinition> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            List<IndexDefinition> ordered = group.stream().sorted(KEEP_FIRST).toList();
            IndexDefinition kept = ordered.get(0);
            for (IndexDefinition duplicate : ordered.subList(1, ordered.size())) {
                reported.add(duplicate.oid());
                findings.add(finding(IndexFinding.Kind.DUPLICATE, duplicate,
                        "Same columns, operator classes, collations, sort options, expressions and predicate as "
                                + kept.name() + ": every lookup it serves, " + kept.name() + " serves too, and each"
                                + " write maintains both."
                                + (duplicate.backsConstraint() ? " It backs a constraint: drop that constraint, not"
                                        + " the index." : ""), kept.name()));
            }
        }
        for (IndexDefinition shorter : indexes) {
            if (reported.contains(shorter.oid()) || !prefixCandidate(shorter)) {
                continue;
            }
            indexes.stream()
                    .filter(longer -> longer.oid() != shorter.oid() && coversAsPrefix(longer, shorter))
                    .findFirst()
                    .ifPresent(longer -> {
                        reported.add(shorter.oid());
                        findings.add(finding(IndexFinding.Kind.PREFIX_REDUNDANT, shorter,
                                "Its key columns lead " + longer.name() + " (same operator classes, sort options"
                                        + " and predicate), which can serve the same lookups. The shorter index is"
                                        + " smaller, so measure the hot lookups before dropping it.", longer.name()));
                    });
        }
        return List.copyOf(findings);
    }

    private static List<Object> signature(IndexDefinition index) {
        return Arrays.asList(index.schema(), index.table(), index.accessMethod(), index.columns(),
                index.keyColumnCount(), index.operatorClasses(), index.collations(), index.sortOptions(),
                index.expressions(), index.predicate());
    }

    private static boolean prefixCandidate(IndexDefinition index) {
        return index.valid() && isPlainBtree(index) && !index.hasIncludeColumns() && !index.enforcesSomething();
    }

    private static boolean coversAsPrefix(IndexDefinition longer, IndexDefinition shorter) {
        int length = shorter.keyColumnCount();
        return longer.valid() && isPlainBtree(longer)
                && longer.schema().equals(shorter.schema()) && longer.table().equals(shorter.table())
                && longer.keyColumnCount() > length
                && Objects.equals(longer.predicate(), shorter.predicate())
                && longer.keyColumns().subList(0, length).equals(shorter.keyColumns())
                && longer.operatorClasses().subList(0, length).equals(shorter.operatorClasses())
                && longer.collations().subList(0, length).equals(shorter.collations())
                && longer.sortOptions().subList(0, length).equals(shorter.sortOptions());
    }

    private static boolean isPlainBtree(IndexDefinition index) {
        return "btree".equals(index.accessMethod()) && index.expressions() == null;
    }

    private IndexFinding finding(IndexFinding.Kind kind, IndexDefinition index, String reason, String redundantTo) {
        return new IndexFinding(kind, index.schema(), index.table(), index.name(), index.definition(),
                index.sizeBytes(), reason, Optional.ofNullable(redundantTo), index.scans(), statisticsSince);
    }
}
