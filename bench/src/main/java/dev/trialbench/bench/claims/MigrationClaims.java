package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunEvidence.IndexNote;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationStep;
import java.util.ArrayList;
import java.util.List;

/** The report's "Migration Safety" claims, judged by the timed migration and its concurrent writer. Stateless. */
final class MigrationClaims {

    private static final String SECTION = "Migration Safety";

    /** The report's Fix 2 and Fix 5 come without any down migration; a fact of its text. */
    private static final boolean REPORT_SHIPS_DOWN_MIGRATIONS = false;
    /** trialbench reverts with db/down and Migrations.revertToBefore(), checked by MigrationsTest. */
    private static final boolean HARNESS_REVERTS = true;

    private MigrationClaims() {
    }

    static List<Claim> of(ClaimContext context) {
        return List.of(noTableLocks(context), idempotent(context), transactionWrapping(context), downMigrations(context));
    }

    static Claim noTableLocks(ClaimContext context) {
        String quote = "`CREATE INDEX CONCURRENTLY` - No table locks";
        return context.evidence().migration()
                .map(migration -> context.claim(SECTION, quote, "writer during the migration: "
                                + Numbers.count(migration.writerInserts()) + " inserts, "
                                + Numbers.count(migration.writerFailures()) + " failed, longest "
                                + Numbers.ms(migration.maxWriterWaitMillis()) + "; longest lock wait "
                                + Numbers.ms(migration.maxLockWaitMillis()),
                        SafetyJudge.noTableLocks(migration.writerInserts(), migration.writerFailures(),
                                migration.maxWriterWaitMillis(), migration.maxLockWaitMillis()),
                        "evidence.json migration (writer, lock waits)"))
                .orElseGet(() -> notRecorded(context, quote));
    }

    static Claim idempotent(ClaimContext context) {
        String quote = "`IF NOT EXISTS` clauses - Idempotent operations";
        List<String> invalid = context.evidence().audit()
                .map(audit -> EvidenceLookup.list(audit.invalid()).stream().map(IndexNote::index).sorted().toList())
                .orElse(List.of());
        return context.evidence().migration()
                .map(migration -> context.claim(SECTION, quote, "second migration applied " + migration.rerunApplied()
                                + "; INVALID indexes: " + (invalid.isEmpty() ? "none" : String.join(", ", invalid)),
                        SafetyJudge.idempotent(migration.rerunApplied(), invalid),
                        "evidence.json migration.rerunApplied, audit.invalid"))
                .orElseGet(() -> notRecorded(context, quote));
    }

    static Claim transactionWrapping(ClaimContext context) {
        String quote = "Transaction wrapping - Automatic rollback on failure";
        return context.evidence().migration()
                .map(migration -> transactionWrapping(context, quote, migration))
                .orElseGet(() -> notRecorded(context, quote));
    }

    private static Claim transactionWrapping(ClaimContext context, String quote, MigrationEvidence migration) {
        List<MigrationStep> steps = EvidenceLookup.list(migration.steps());
        List<String> concurrent = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (MigrationStep step : steps) {
            MigrationScripts.buildsConcurrently(step).ifPresentOrElse(
                    builds -> {
                        if (builds) {
                            concurrent.add("V" + step.version());
                        }
                    },
                    () -> unknown.add(MigrationScripts.fileName(step)));
        }
        Judgement judgement = SafetyJudge.transactionWrapping(concurrent, steps.size());
        if (!unknown.isEmpty()) {
            judgement = judgement.withNote("scripts not in this build, not inspected: " + String.join(", ", unknown));
        }
        return context.claim(SECTION, quote, concurrent.size() + " of " + steps.size()
                        + " steps build an index CONCURRENTLY", judgement,
                "evidence.json migration.steps; the db/migration scripts of this build");
    }

    static Claim downMigrations(ClaimContext context) {
        return context.claim(SECTION, "Proper down migrations - Reversible changes",
                "down migrations in the report: none",
                SafetyJudge.downMigrations(REPORT_SHIPS_DOWN_MIGRATIONS, HARNESS_REVERTS),
                "the report's text (Fix 2, Fix 5); trialbench's db/down scripts");
    }

    private static Claim notRecorded(ClaimContext context, String quote) {
        return context.claim(SECTION, quote, "not recorded",
                Judgement.notJudged("evidence.json has no migration section"), "evidence.json migration");
    }
}
