package dev.trialbench.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog says about one index ({@code pg_index} and friends), as the audit compares it.
 * {@code columns} holds the key columns then the INCLUDE columns ({@code 0} for an expression);
 * {@code operatorClasses}, {@code collations} and {@code sortOptions} cover the key columns only.
 * {@code scans} is null when the index has no row in {@code pg_stat_user_indexes}. Immutable.
 */
record IndexDefinition(
        long oid,
        String schema,
        String table,
        String name,
        String accessMethod,
        boolean unique,
        boolean exclusion,
        boolean backsConstraint,
        boolean valid,
        boolean ready,
        int keyColumnCount,
        List<Integer> columns,
        List<Long> operatorClasses,
        List<Long> collations,
        List<Integer> sortOptions,
        String expressions,
        String predicate,
        String definition,
        long sizeBytes,
        Long scans,
        Long tuplesRead,
        Long tuplesFetched) {

    IndexDefinition {
        columns = List.copyOf(columns);
        operatorClasses = List.copyOf(operatorClasses);
        collations = List.copyOf(collations);
        sortOptions = List.copyOf(sortOptions);
    }

    List<Integer> keyColumns() {
        return columns.subList(0, keyColumnCount);
    }

    boolean hasIncludeColumns() {
        return columns.size() > keyColumnCount;
    }

    /** Enforces something (uniqueness, exclusion, a constraint), so it is never "just" an index. */
    boolean enforcesSomething() {
        return unique || exclusion || backsConstraint;
    }

    /** Parses the text form of {@code int2vector} / {@code oidvector}: numbers separated by spaces. */
    static List<Long> numbers(String vector) {
        List<Long> values = new ArrayList<>();
        if (vector != null) {
            for (String part : vector.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    values.add(Long.parseLong(part));
                }
            }
        }
        return values;
    }

    static List<Integer> smallNumbers(String vector) {
        return numbers(vector).stream().map(Long::intValue).toList();
    }
}
