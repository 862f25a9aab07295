package dev.trialbench.bench.render;

import dev.trialbench.activation.InvariantReport;
import dev.trialbench.bench.claims.ReliabilityVerdicts;
import dev.trialbench.bench.claims.ReliabilityVerdicts.Fault;
import dev.trialbench.bench.claims.ReliabilityVerdicts.Inconsistency;
import dev.trialbench.bench.claims.ReliabilityVerdicts.Rollback;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.render.Document.Warning;
import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.ConcurrencyComparison;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.LockConflicts;
import dev.trialbench.reliability.PoolExhaustion;
import dev.trialbench.reliability.TimeoutEnforcement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Reliability under faults": from {@code reliability.json} alone, the faults injected and survived,
 * the rows lost across a server crash (goal 0), the invariant violations of naive and batched under
 * the same race, the partial writes a terminated backend leaves, the retries counted and the outage
 * figures, with a verdict on the report's "full transaction support with automatic rollback" and
 * "risk of data inconsistency". A run without the file gets a paragraph that says how to get it.
 * Stateless.
 */
final class ReliabilitySection {

    private ReliabilitySection() {
    }

    static Section of(Optional<ReliabilityEvidence> evidence) {
        List<Block> blocks = new ArrayList<>();
        if (evidence.isEmpty()) {
            blocks.add(new Paragraph("This run has no reliability figures (`" + RunFolder.RELIABILITY + "`): it was made"
                    + " with `--skip-reliability` or before the step existed. `./trialbench run` adds them."));
            return new Section("reliability", "Reliability under faults", blocks);
        }
        ReliabilityEvidence run = evidence.get();
        Inconsistency inconsistency = ReliabilityVerdicts.inconsistency(run);
        if (inconsistency.batchedBroke()) {
            blocks.add(new Warning("The batched path left " + inconsistency.batchedViolations() + " invariant violation(s)"
                    + " and " + inconsistency.batchedPartialWrites() + " partial write(s): it must leave none. See the"
                    + " tables below."));
        }
        blocks.add(new Paragraph(rollback(ReliabilityVerdicts.rollback(run))));
        blocks.add(new Paragraph(inconsistency(inconsistency)));
        blocks.add(new Subheading("Faults injected and survived"));
        blocks.add(faults(run));
        blocks.add(new Paragraph("Rows lost (goal 0): " + rowsLost(run.outage()) + "."));
        blocks.add(new Subheading("Invariant violations under the same race, naive vs batched"));
        blocks.add(new Paragraph("Each user submits the same activation twice at once (a double click; half of them on"
                + " a new device, half on a device another user activated before), and groups of users activate at once"
                + " on one new device; the requests of a group meet at a barrier before their"
                + " first write, so the race happens every time. Violations are counted with SQL afterwards"
                + " (`Invariants`), over the users and devices of the cell only."));
        blocks.add(concurrency(run.concurrency()));
        blocks.add(new Subheading("Backend terminated at every point of an activation"));
        blocks.add(new Paragraph("`pg_terminate_backend` before each statement and before COMMIT, one point per"
                + " activation; a partial write is a change to the user's and device's rows that is neither nothing nor"
                + " a whole activation; the retry is the same request sent again."));
        blocks.add(terminations(run.terminations()));
        partialPoints(run.terminations()).ifPresent(blocks::add);
        blocks.add(new Subheading("Timeouts, pool, retries, outage"));
        blocks.add(timeouts(run.timeouts()));
        blocks.add(new Paragraph(pool(run.poolExhaustion())));
        blocks.add(new Paragraph(retries(run.lockConflicts())));
        blocks.add(new Paragraph(outage(run.outage())));
        if (run.badInputs() == null || run.migrationFaults() == null || run.security() == null) {
            blocks.add(new Paragraph("Not in this run: " + String.join(", ", missing(run))
                    + " (their experiments were not part of the reliability step that made it)."));
        }
        return new Section("reliability", "Reliability under faults", blocks);
    }

    private static String rollback(Optional<Rollback> verdict) {
        if (verdict.isEmpty()) {
            return "**\"Full transaction support with automatic rollback\": NOT JUDGED** (no backend terminations on the"
                    + " batched path in this run).";
        }
        BackendTermination.Result proposed = verdict.get().batched();
        String naivePart = verdict.get().naive().map(result -> "; the naive path, without a transaction, left "
                + result.partialWrites() + " partial write(s) in " + result.faultsInjected() + " faults").orElse("");
        return "**\"Full transaction support with automatic rollback\": " + (verdict.get().holds() ? "HOLDS" : "FAILS")
                + "** for the batched path: the backend was terminated at " + proposed.faultsInjected() + " points, "
                + proposed.partialWrites() + " partial write(s), " + proposed.exactlyOnceAfterRetry()
                + " retries activated exactly once" + naivePart + ".";
    }

    private static String inconsistency(Inconsistency verdict) {
        return "**\"Risk of data inconsistency\" (of the naive path): " + (verdict.confirmed() ? "CONFIRMED" : "NOT SEEN")
                + "**: under the same race and faults the naive path left " + verdict.naiveViolations()
                + " invariant violation(s) and " + verdict.naivePartialWrites() + " partial write(s); the batched path "
                + verdict.batchedViolations() + " and " + verdict.batchedPartialWrites() + ".";
    }

    private static Table faults(ReliabilityEvidence run) {
        List<List<String>> rows = new ArrayList<>();
        for (Fault fault : ReliabilityVerdicts.faults(run)) {
            rows.add(row(fault.fault(), fault.injected(), fault.survived(), fault.survivedMeans()));
        }
        return new Table(List.of("fault", "injected", "survived", "survived means"), rows);
    }

    private static List<String> row(String fault, int injected, int survived, String meaning) {
        return List.of(fault, Numbers.count(injected), Numbers.count(survived)
                + (survived == injected ? "" : " **(" + (injected - survived) + " not)**"), meaning);
    }

    private static String rowsLost(DatabaseOutage.Result outage) {
        if (!outage.ran()) {
            return "not measured (" + outage.skippedReason() + ")";
        }
        return "**" + outage.tokensLost() + "** of " + outage.accepted() + " activations answered 201 were missing after"
                + " the server crashed and recovered (tokens " + outage.tokensBefore() + " before, " + outage.tokensAfter()
                + " after)";
    }

    private static Table concurrency(List<ConcurrencyComparison.Cell> cells) {
        List<List<String>> rows = new ArrayList<>();
        for (ConcurrencyComparison.Cell cell : cells) {
            InvariantReport found = cell.invariants();
            rows.add(List.of(Inline.code(cell.implementation()), cell.schema(), Numbers.count(cell.requests()),
                    Numbers.count(cell.activated()) + " / " + Numbers.count(cell.denied()) + " / " + Numbers.count(cell.failed()),
                    Numbers.count(found.usersWithDoubleTrials()), Numbers.count(found.usersWithTwoActiveTrials()),
                    Numbers.count(found.duplicatedDeviceRows()), Numbers.count(found.acceptedWithoutToken()),
                    Numbers.count(found.deniedWithoutFlag()), "**" + Numbers.count(found.total()) + "**"));
        }
        return new Table(List.of("implementation", "schema", "requests", "activated / denied / failed", "double trials",
                "two active trials", "duplicated device rows", "201 without token", "403 without flag", "violations"), rows);
    }

    private static Table terminations(List<BackendTermination.Result> results) {
        List<List<String>> rows = new ArrayList<>();
        for (BackendTermination.Result result : results) {
            rows.add(List.of(Inline.code(result.implementation()), Numbers.count(result.faultsInjected()),
                    Numbers.count(result.failedClearly()), "**" + Numbers.count(result.partialWrites()) + "**",
                    Numbers.count(result.exactlyOnceAfterRetry())));
        }
        return new Table(List.of("implementation", "points (faults)", "clear error", "partial writes",
                "exactly once after retry"), rows);
    }

    private static Optional<Block> partialPoints(List<BackendTermination.Result> results) {
        List<List<String>> rows = new ArrayList<>();
        for (BackendTermination.Result result : results) {
            for (BackendTermination.Point point : result.points()) {
                if (point.partialWrite() || !point.exactlyOnceAfterRetry()) {
                    rows.add(List.of(Inline.code(result.implementation()), point.scenario(), Inline.code(point.before()),
                            point.rowsAfterFault(), point.exactlyOnceAfterRetry() ? "yes" : "no"));
                }
            }
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Table(List.of("implementation", "scenario",
                "killed before", "left behind by the fault", "exactly once after retry"), rows));
    }

    private static Table timeouts(List<TimeoutEnforcement.Case> timeouts) {
        List<List<String>> rows = new ArrayList<>();
        for (TimeoutEnforcement.Case timeout : timeouts) {
            rows.add(List.of(Inline.code(timeout.setting()), Numbers.count(timeout.limitMillis()) + " ms",
                    timeout.sqlState() == null ? "none" : timeout.sqlState(), timeout.messageNamesSetting() ? "yes" : "no",
                    Numbers.count(timeout.waitedMillis()) + " ms", Numbers.count(timeout.rowsWritten())));
        }
        return new Table(List.of("setting", "limit", "SQLState", "message names it", "waited", "rows written"), rows);
    }

    private static String pool(PoolExhaustion.Result pool) {
        return "Pool exhausted (connection timeout " + pool.connectionTimeoutMillis() + " ms): the activation failed after "
                + pool.directWaitMillis() + " ms, the HTTP service answered " + pool.httpStatus() + " (Retry-After "
                + pool.httpRetryAfter() + ") after " + pool.httpWaitMillis() + " ms; bound " + pool.boundMillis() + " ms.";
    }

    private static String retries(LockConflicts.Result conflicts) {
        return "Retries: " + conflicts.deadlocksProvoked() + " deadlock(s) (40P01) and "
                + conflicts.serializationFailuresProvoked() + " serialization failure(s) (40001, at REPEATABLE READ)"
                + " provoked; the batched path counted " + conflicts.retries() + " retr" + (conflicts.retries() == 1 ? "y" : "ies")
                + ", " + conflicts.activatedAfterRetry() + " activated, " + conflicts.failed() + " failed (budget "
                + conflicts.maxAttempts() + " attempts).";
    }

    private static String outage(DatabaseOutage.Result outage) {
        if (!outage.ran()) {
            return "Server stopped under load: not run (" + outage.skippedReason() + ").";
        }
        return "Server stopped under load: down " + Numbers.decimal(outage.downSeconds(), 1) + " s (stop to accepting"
                + " connections again; `pg_ctl stop -m immediate` " + outage.stopMillis() + " ms, start with crash recovery "
                + outage.startMillis() + " ms); requests sent meanwhile answered " + statuses(outage.statusesDuringOutage())
                + ", slowest " + outage.maxLatencyDuringOutageMillis() + " ms (bound: connection timeout "
                + outage.connectionTimeoutMillis() + " ms + 5 s); first 201 " + (outage.recoverySeconds() < 0 ? "never"
                : Numbers.decimal(outage.recoverySeconds(), 1) + " s") + " after the server was back (limit "
                + DatabaseOutage.RECOVERY_LIMIT.toSeconds() + " s); all answers " + statuses(outage.statuses()) + ".";
    }

    private static List<String> missing(ReliabilityEvidence run) {
        List<String> missing = new ArrayList<>();
        if (run.badInputs() == null) {
            missing.add("bad inputs over HTTP");
        }
        if (run.migrationFaults() == null) {
            missing.add("migration faults");
        }
        if (run.security() == null) {
            missing.add("security checks");
        }
        return missing;
    }

    /** {@code 201: 14, 503: 36}, by status. */
    private static String statuses(java.util.Map<Integer, Integer> statuses) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(statuses).forEach((status, count) -> parts.add((status < 0 ? "no answer" : status) + ": " + count));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
