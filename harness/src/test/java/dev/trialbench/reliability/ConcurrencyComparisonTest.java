package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.InvariantReport;
import dev.trialbench.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Double clicks and new devices shared by several users, with the race made certain: the batched path
 * keeps every invariant in both schema states; the naive path gives double trials and duplicated
 * devices before the migrations, and double trials on known devices after them (the unique index of
 * V3_5 turns a duplicated new device into a failed request, but does not stop a second token).
 */
class ConcurrencyComparisonTest {

    private static final int DOUBLE_CLICKS = 4;
    private static final int SHARED_DEVICES = 2;
    private static final int USERS_PER_DEVICE = 3;

    @Test
    void batchedKeepsEveryInvariantBeforeAndAfter() {
        for (boolean after : new boolean[] {false, true}) {
            try (HikariDataSource database = after ? TestPostgres.after("race_batched", 2) : TestPostgres.before("race_batched", 2)) {
                ConcurrencyComparison.Cell cell = run(database, Implementation.BATCHED, after);

                assertThat(cell.invariants()).isEqualTo(InvariantReport.CLEAN);
                assertThat(cell.failed()).isZero();
                // every raced user once; the earlier users of the known devices are set-up, counted apart
                assertThat(cell.activated()).isEqualTo(DOUBLE_CLICKS + SHARED_DEVICES * USERS_PER_DEVICE);
                assertThat(cell.setUpActivations()).isEqualTo(DOUBLE_CLICKS / 2);
                assertThat(cell.activated() + cell.denied() + cell.failed()).as("one outcome per raced request")
                        .isEqualTo(cell.requests());
            }
        }
    }

    @Test
    void naiveGivesDoubleTrialsAndDuplicatedDevicesBeforeTheMigrations() {
        try (HikariDataSource database = TestPostgres.before("race_naive", 2)) {
            ConcurrencyComparison.Cell cell = run(database, Implementation.NAIVE, false);

            // Every request of a group read before any wrote: each double click is two trials, each
            // new device (of a double click or shared) one row per request.
            assertThat(cell.invariants().usersWithDoubleTrials()).isEqualTo(DOUBLE_CLICKS);
            assertThat(cell.invariants().duplicatedDeviceRows()).isEqualTo(DOUBLE_CLICKS / 2 + SHARED_DEVICES);
            assertThat(cell.failed()).isZero();
        }
    }

    @Test
    void naiveAfterTheMigrationsStillGivesDoubleTrialsOnKnownDevices() {
        try (HikariDataSource database = TestPostgres.after("race_naive", 2)) {
            ConcurrencyComparison.Cell cell = run(database, Implementation.NAIVE, true);

            // The unique index turns a second insert of a new device into a failed request...
            assertThat(cell.invariants().duplicatedDeviceRows()).isZero();
            assertThat(cell.failed()).isEqualTo(DOUBLE_CLICKS / 2 + SHARED_DEVICES * (USERS_PER_DEVICE - 1));
            // ...but a double click on a known device updates it twice and inserts two tokens.
            assertThat(cell.invariants().usersWithDoubleTrials()).isEqualTo(DOUBLE_CLICKS / 2);
        }
    }

    private static ConcurrencyComparison.Cell run(HikariDataSource database, Implementation implementation, boolean after) {
        Subjects subjects = FreshSubjects.insert(database, 2 * DOUBLE_CLICKS + SHARED_DEVICES * USERS_PER_DEVICE);
        return ConcurrencyComparison.run(ReliabilityPools.configOf(database), subjects, implementation,
                after ? "after" : "before", DOUBLE_CLICKS, SHARED_DEVICES, USERS_PER_DEVICE);
    }
}
