package dev.trialbench.bench.runfolder;

import dev.trialbench.monitor.ForeignKeyFinding;
import dev.trialbench.monitor.ReportMonitorCheck;
import dev.trialbench.reliability.HalfWrittenActivations;
import dev.trialbench.reliability.QueryTimeout;
import dev.trialbench.reliability.UserDeletion;
import java.util.List;

/**
 * The reliability step's evidence for the optimization report's safety claims, in {@code reliability.json}
 * under {@code safety}. The experiments' own records, kept as they are. Each field is null when its
 * experiment did not run (a claim then says NOT JUDGED with the reason). Immutable.
 *
 * @param halfWritten             backend terminated between the writes: naive and batched, on each schema
 * @param queryTimeout            a statement past statement_timeout, with and without Fix 4's settings
 * @param userDeletions           one user deleted (rolled back) before and after the migrations
 * @param foreignKeysWithoutIndex the index audit's foreign keys no index starts with, after the migrations
 * @param reportMonitor           Fix 6's monitor queries after the workload, against what the plans still scan
 */
public record SafetyEvidence(List<HalfWrittenActivations> halfWritten, QueryTimeout queryTimeout,
                             List<UserDeletion> userDeletions, List<ForeignKeyFinding> foreignKeysWithoutIndex,
                             ReportMonitorCheck reportMonitor) {
}
