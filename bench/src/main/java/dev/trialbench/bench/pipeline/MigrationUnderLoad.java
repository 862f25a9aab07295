package dev.trialbench.bench.pipeline;

import dev.trialbench.bench.load.LoadStep;
import dev.trialbench.bench.runfolder.LoadEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationEvidence;
import dev.trialbench.db.Migrations;
import dev.trialbench.monitor.LockWaitSampler;
import dev.trialbench.monitor.LockWaitSummary;
import dev.trialbench.monitor.LockWaitSummary.LockWait;
import dev.trialbench.seed.SeedPlan;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The report's "lock-free migrations", under load: the mixed workload (mostly listing, some batched
 * activations) runs against the service while {@link MigrationUnderWriter} applies the AFTER
 * migrations with its own concurrent writer, and a {@link LockWaitSampler} watches pg_locks for
 * anyone waiting. The migration's wall-clock window is recorded, so the report can read p99 during it
 * against p99 before it from the load run's interval histogram. Stateless.
 *
 * @param run       the load run that spanned the migration
 * @param migration the migration's own evidence (steps, writer, re-run)
 * @param evidence  window, lock waits and whether the migration outlasted the load
 */
record MigrationUnderLoad(LoadEvidence.Run run, MigrationEvidence migration, LoadEvidence.MigrationUnderLoad evidence) {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(25);

    static MigrationUnderLoad migrate(LoadStep load, Migrations migrations, DataSource dataSource, DataSource writerPool,
                                      SeedPlan plan) {
        MigrationEvidence[] migration = new MigrationEvidence[1];
        LockWaitSummary[] locks = new LockWaitSummary[1];
        long[] window = new long[2];
        LoadEvidence.Run run = load.underMigration(() -> {
            try (LockWaitSampler sampler = LockWaitSampler.start(dataSource, SAMPLE_EVERY)) {
                migration[0] = MigrationUnderWriter.migrate(migrations, dataSource, writerPool, plan);
                locks[0] = sampler.summary();
            }
        }, migrationWindow -> {
            window[0] = migrationWindow[0];
            window[1] = migrationWindow[1];
        });
        LockWaitSummary lockWaits = locks[0];
        LockWait relation = lockWaits.longestRelationWait();
        LockWait other = lockWaits.longestOtherWait();
        LoadEvidence.MigrationUnderLoad evidence = new LoadEvidence.MigrationUnderLoad(run.label(), window[0], window[1],
                relation == null ? 0 : relation.millis(), describe(relation), other == null ? 0 : other.millis(),
                describe(other), lockWaits.samples(), lockWaits.samplesWithWaiters(),
                lockWaits.sampled() ? null : lockWaits.note(),
                window[1] > run.endedEpochMs());
        return new MigrationUnderLoad(run, migration[0], evidence);
    }

    /** {@code reports AccessExclusiveLock, a DDL statement waiting}; {@code advisory ExclusiveLock}; null for none. */
    private static String describe(LockWait wait) {
        if (wait == null) {
            return null;
        }
        return (wait.relation() == null ? wait.lockType() : wait.relation()) + " " + wait.mode()
                + (wait.ddl() ? ", a DDL statement waiting" : ", an application statement waiting");
    }
}
