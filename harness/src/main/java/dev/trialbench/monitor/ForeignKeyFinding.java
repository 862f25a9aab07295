package dev.trialbench.monitor;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key whose referencing columns no valid, non-partial index starts with. Each delete or key
 * update of a referenced row (and each cascade of its {@code ON DELETE} rule) then looks the columns up
 * by scanning the whole referencing table, under the lock the rule takes. An index that starts with
 * the columns and is partial only on {@code column IS NOT NULL} counts as supporting (the lookup's
 * equality implies it); other partial indexes are listed in {@code partialIndexes} but do not.
 * Immutable and thread-safe.
 *
 * @param constraint      the constraint's name
 * @param schema          schema of the referencing table
 * @param table           the referencing table
 * @param columns         its referencing columns, in the constraint's order
 * @param referencedTable the table referenced
 * @param onDelete        the ON DELETE rule: NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT
 * @param definition      {@code pg_get_constraintdef}
 * @param tableBytes      the referencing table's heap size: what each lookup scans
 * @param partialIndexes  indexes that start with the columns but cover only some rows (name and predicate)
 * @param reason          one sentence for a report
 */
public record ForeignKeyFinding(String constraint, String schema, String table, List<String> columns,
                                String referencedTable, String onDelete, String definition, long tableBytes,
                                List<String> partialIndexes, String reason) {

    public ForeignKeyFinding {
        Objects.requireNonNull(constraint, "constraint");
        columns = List.copyOf(columns);
        partialIndexes = List.copyOf(partialIndexes);
    }
}
