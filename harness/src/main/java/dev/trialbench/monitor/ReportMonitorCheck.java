package dev.trialbench.monitor;

import dev.trialbench.monitor.PlanScans.SeqScan;
import dev.trialbench.monitor.PlanScans.StatementScans;
import dev.trialbench.monitor.ReportMonitorQueries.MissingIndexRow;
import dev.trialbench.monitor.ReportMonitorQueries.SlowQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Evidence for Fix 6's monitor: after a workload on the migrated schema, does the report's own
 * {@code findMissingIndexes} name the index the workload still lacks, and does its
 * {@code analyzeSlowQueries} report any statement the harness measured? What the workload lacks is read
 * from the plans ({@link PlanScans}): each statement that still reads a table by a filtered sequential
 * scan, with the filtered columns (after Fix 2, the latest card of a user still scans
 * {@code payment_verifications} on {@code user_id}: Fix 2's index there leads with
 * {@code card_fingerprint}). Reads only; the caller runs the workload first. Thread-safe (stateless).
 *
 * @param findMissingIndexes the report's findMissingIndexes rows
 * @param analyzeSlowQueries the report's analyzeSlowQueries, as written and as it could run
 * @param stillScanning      statements whose plans still have a filtered Seq Scan
 * @param lacks              one per (statement, table, filtered column) of those scans, and who names it
 */
public record ReportMonitorCheck(List<MissingIndexRow> findMissingIndexes, SlowQueries analyzeSlowQueries,
                                 List<StatementScans> stillScanning, List<ReportMonitorCheck.Lack> lacks) {

    /**
     * A column a statement filters a sequentially scanned table on, and whether the report's monitor
     * names it: findMissingIndexes by a row for that table and column, analyzeSlowQueries by a row
     * of this database whose text is that statement's.
     */
    public record Lack(String statement, String table, String column, boolean namedByFindMissingIndexes,
                       boolean namedByAnalyzeSlowQueries) {
    }

    public ReportMonitorCheck {
        findMissingIndexes = List.copyOf(findMissingIndexes);
        stillScanning = List.copyOf(stillScanning);
        lacks = List.copyOf(lacks);
    }

    /**
     * @param statements the workload's statements by name, each starting with its
     *                   {@code /* trialbench NAME * /} comment (how pg_stat_statements rows are matched)
     * @param values     sample values for their named parameters
     */
    public static ReportMonitorCheck run(DataSource dataSource, Map<String, String> statements, Map<String, Object> values) {
        List<MissingIndexRow> missing = ReportMonitorQueries.findMissingIndexes(dataSource);
        SlowQueries slow = ReportMonitorQueries.analyzeSlowQueries(dataSource);
        List<StatementScans> scanning = PlanScans.stillScanning(PlanScans.of(dataSource, statements, values));
        List<Lack> lacks = new ArrayList<>();
        for (StatementScans statement : scanning) {
            String marker = "/* trialbench " + statement.statement() + " */";
            boolean slowNamed = slow.rows().stream()
                    .anyMatch(row -> row.thisDatabase() && row.query().strip().startsWith(marker));
            for (SeqScan scan : statement.seqScans()) {
                for (String column : scan.filterColumns()) {
                    Lack lack = new Lack(statement.statement(), scan.relation(), column,
                            missing.stream().anyMatch(row -> row.table().equals(scan.relation())
                                    && row.column().equals(column)), slowNamed);
                    if (!lacks.contains(lack)) {
                        lacks.add(lack);
                    }
                }
            }
        }
        return new ReportMonitorCheck(missing, slow, scanning, lacks);
    }
}
