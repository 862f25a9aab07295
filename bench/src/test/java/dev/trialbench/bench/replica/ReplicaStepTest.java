package dev.trialbench.bench.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence.Phase;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The read-replica step on the shared (embedded) test server, kept tiny: every phase ran where it says,
 * the replica phases sampled pg_stat_replication, every probe was either seen at once or counted stale,
 * and the step leaves no slot, no replica and no activation behind. No figure is checked for speed.
 */
class ReplicaStepTest {

    @Test
    void measuresThePhasesTheLagAndTheProbesAndLeavesNothingBehind() {
        assertThat(TestPostgres.server().kind()).as("this test needs the embedded server").isEqualTo(DatabaseKind.EMBEDDED);
        SeedConfig config = SeedConfig.of(42, 0.02, Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .withReservedUsers(1000).withReservedDevices(1000);
        try (OwnDatabase database = OwnDatabase.create(TestPostgres.server(), "replica", 2, OwnDatabase.OnClose.DROP)) {
            database.prepare(config, true, SeedProgress.none());
            SeedPlan plan = SeedPlan.of(config);

            ReplicaEvidence evidence = ReplicaStep.run(database, plan, new ReplicaSettings(1, 1, 1, 1, 20), System.out);

            assertThat(evidence.skipped()).isNull();
            assertThat(evidence.sameHost()).isTrue();
            assertThat(evidence.rounds()).extracting(Phase::listing).containsExactly(ReplicaEvidence.ALONE,
                    ReplicaEvidence.ON_PRIMARY, ReplicaEvidence.ON_REPLICA);
            assertThat(evidence.rounds()).allSatisfy(phase -> {
                assertThat(phase.activations()).isPositive();
                assertThat(phase.activationFailures()).isZero();
                assertThat(phase.listingFailures()).isZero();
            });
            assertThat(evidence.phases(ReplicaEvidence.ALONE).get(0).listings()).isZero();
            assertThat(evidence.phases(ReplicaEvidence.ON_PRIMARY).get(0).listings()).isPositive();
            assertThat(evidence.phases(ReplicaEvidence.ON_REPLICA).get(0).listings()).isPositive();
            assertThat(evidence.lag()).isNotEmpty().allSatisfy(sample -> assertThat(sample.replayLagBytes()).isNotNegative());
            ReplicaEvidence.ReadYourWrites probes = evidence.readYourWrites();
            assertThat(probes.probes()).isEqualTo(20);
            assertThat(probes.staleAtFirstRead()).isBetween(0, 20);
            assertThat(probes.neverSeen()).isZero();
            assertThat(probes.staleMaxMillis() == null).isEqualTo(probes.staleAtFirstRead() == 0);

            assertThat(Sql.queryLong(database.dataSource(), "SELECT count(*) FROM pg_replication_slots")).isZero();
            assertThat(Sql.queryLong(database.dataSource(), "SELECT count(*) FROM pg_stat_replication")).isZero();
            assertThat(Sql.queryLong(database.dataSource(), "SELECT count(*) FROM free_trial_tokens WHERE user_id = '"
                    + plan.reservedUser(0) + "'")).isZero();
        }
    }
}
