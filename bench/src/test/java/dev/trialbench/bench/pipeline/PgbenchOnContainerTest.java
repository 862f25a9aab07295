package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.Seeder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Both pgbench measurements of a run (the seeding reference, {@code pgbench -i}, and the activation
 * comparison) against a PostgreSQL container: the host's pgbench connects to the port the container
 * maps on the host, as it does for the embedded server. Skipped where no Docker engine answers (see
 * .ci/container-engine for a machine without one) or no pgbench is installed.
 */
class PgbenchOnContainerTest {

    @Test
    void theSeedingReferenceAndTheActivationComparisonRunAgainstAContainer() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers (DOCKER_HOST unset or not running; .ci/container-engine up starts one)");
        assumeTrue(Pgbench.find().isPresent(), Pgbench.NOT_FOUND);

        try (ProvisionedDatabase server = Provisioner.provision(new DatabaseRequest(DatabaseKind.CONTAINER, null, null, null))) {
            assertThat(server.kind()).isEqualTo(DatabaseKind.CONTAINER);

            PgbenchReference.Result reference = PgbenchReference.measure(server, 0.01);
            System.out.println("pgbench reference on the container: " + reference);
            assertThat(reference.heapMegabytesPerSecond()).as(reference.note()).isNotNull().isPositive();

            SeedConfig config = SeedConfig.of(42, 0.02, Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .withReservedUsers(1000).withReservedDevices(1000);
            try (OwnDatabase database = OwnDatabase.create(server, "test", 4, OwnDatabase.OnClose.DROP)) {
                database.migrations().migrateToBefore();
                new Seeder().seed(database.dataSource(), config, SeedProgress.none());
                PgbenchActivation.Result activation = PgbenchActivation.measure(database, SeedPlan.of(config), 2, 2);
                System.out.println("pgbench activation on the container: " + activation);
                assertThat(activation.transactions()).as(activation.note()).isPositive();
                assertThat(activation.failed()).as(activation.note()).isZero();
                assertThat(activation.tps()).isPositive();
            }
        }
    }
}
