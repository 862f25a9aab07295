package dev.trialbench.bench.render;

import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Table;
import java.util.List;

/**
 * Where the reference implementation departs from the optimization report, and why: the same table
 * as the project README's (a test keeps the two equal), so that every published report carries it.
 * Text in inline markup. Stateless.
 */
final class DeparturesSection {

    /** One departure: what the report does, what the reference implementation does, and why. */
    record Departure(String report, String here, String why) {
    }

    static final List<Departure> ALL = List.of(
            new Departure("Fix 1: the batched fraud query cross-joins four CTEs",
                    "every part is an aggregate, so the query always returns one row",
                    "for a device never seen before `device_data` has no row, so the report's query returns **no row at all** and `db.one` throws: a new device can never activate"),
            new Departure("Fix 1: `COUNT(*) as critical_flags`",
                    "counts `severity = 'critical'` and `'high'` separately",
                    "the report's \"critical\" count counts every open flag"),
            new Departure("Fix 1: `ipAddress || ''`",
                    "a missing IP is bound as NULL",
                    "`''` is not a valid `inet`; the query fails for every request without an IP"),
            new Departure("Fix 7: fraud check inside `executeInTransaction`",
                    "the fraud read runs on the transaction's own connection, after the locks",
                    "the report calls `calculateFraudScoreOptimized`, which queries through the pool (`db.one`), outside the transaction and without seeing its locks"),
            new Departure("Fix 7: denied → insert flags, then `throw`",
                    "denied is a value; the flags are committed",
                    "throwing inside `db.tx` rolls back the flags it has just inserted: no denied activation ever leaves a flag"),
            new Departure("Fix 7: `SELECT ... FOR UPDATE` on the user only",
                    "the user row **and** the device (advisory lock, same statement) are locked before the read",
                    "two users on one device could both pass the device check"),
            new Departure("Fix 7: `ON CONFLICT (fingerprint_hash)`",
                    "INSERT or UPDATE, chosen from the device read made under the device lock (the naive path's own two statements)",
                    "`ON CONFLICT` needs a UNIQUE index; Fix 2's index is not unique, so the report's upsert fails with 42P10 on its own schema, and cannot run at all before the migration"),
            new Departure("Fix 2: `idx_device_fingerprints_hash`",
                    "the same index, **UNIQUE**",
                    "see above; it also stops the naive path from inserting a device twice (it then fails with 23505 instead)"),
            new Departure("Fix 3: `executeWithRetry` (never called by Fix 7)",
                    "the batched path retries 40001/40P01, up to 5 attempts, full-jitter backoff",
                    "a deadlock must not fail the user's request"),
            new Departure("Fix 4: three `SET` queries fired from the `connect` hook without waiting",
                    "`statement_timeout`, `lock_timeout`, `idle_in_transaction_session_timeout` in the startup packet (`options=-c ...`)",
                    "the first query on a new connection may run before the settings apply, or they may fail unnoticed"),
            new Departure("Fix 4: `ssl: { rejectUnauthorized: false }`",
                    "SSL means `sslmode=verify-full` unless the user asks for `REQUIRE_UNVERIFIED` by name",
                    "an unverified TLS connection can be intercepted"),
            new Departure("Fix 4: logs `e.params` on query errors",
                    "no statement parameters in any log or exception message (Jdbi's rendering set to the statement only; pgjdbc `logServerErrorDetail=false`)",
                    "parameters hold emails, IPs and device data"),
            new Departure("Fix 5: plain `ADD CONSTRAINT`",
                    "`NOT VALID`, then `VALIDATE` in separate statements; existing violations are counted first and reported by table",
                    "a plain `ADD CONSTRAINT` scans the table while holding a lock that blocks writers; the report's \"Migration Safety\" promises no locks"),
            new Departure("Fix 5: the constraints are added with no bound on lock waits",
                    "the constraint step waits at most 500 ms for each lock (`SET LOCAL lock_timeout`), rolls back whole and is tried again, up to 20 attempts; the way back drops a constraint only if it exists, under the same rule",
                    "`ADD CONSTRAINT ... NOT VALID` still takes SHARE ROW EXCLUSIVE on the table and on `users` (a foreign key) or ACCESS EXCLUSIVE (a check): while it waits, every writer queues behind it, and under the mixed load it deadlocked with the activation path (40P01), which rolled back the whole move to AFTER"),
            new Departure("Fix 6: `total_time`, `mean_time`",
                    "`total_exec_time`, `mean_exec_time`",
                    "the columns were renamed in PostgreSQL 13; the report's monitor fails on any current server"));

    private DeparturesSection() {
    }

    static Section of() {
        return new Section("departures", "Where the reference implementation departs from the report", List.of(
                new Paragraph("The report's SQL and code have faults that a real run exposes; the reference"
                        + " implementation fixes them, so each verdict above is about the report's idea, measured on"
                        + " code that works. The report's indexes are kept exactly as written."),
                new Table(List.of("the report", "here", "why"), ALL.stream()
                        .map(departure -> List.of(departure.report(), departure.here(), departure.why())).toList())));
    }
}
