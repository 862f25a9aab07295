package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.InvariantReport;
import dev.trialbench.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Double clicks and new devices shared by several users, with the race made certain: the batched path
 * keeps every invariant in both schema states; the naive path gives double trials and duplicated
 * devices before the migrations (the unique index of V3_5 turns the duplicate into a failed request after).
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
                assertThat(cell.activated()).isEqualTo(DOUBLE_CLICKS + SHARED_DEVICES * USERS_PER_DEVICE);
            }
        }
    }

    @Test
    void naiveGivesDoubleTrialsAndDuplicatedDevicesBeforeTheMigrations() {
        try (HikariDataSource database = TestPostgres.before("race_naive", 2)) {
            ConcurrencyComparison.Cell cell = run(database, Implementation.NAIVE, false);

            // Every request of a group read before any wrote: each double click is two trials, each
            // shared new device is one row per user.
            assertThat(cell.invariants().usersWithDoubleTrials()).isEqualTo(DOUBLE_CLICKS);
            assertThat(cell.invariants().duplicatedDeviceRows()).isEqualTo(DOUBLE_CLICKS + SHARED_DEVICES);
            assertThat(cell.failed()).isZero();
        }
    }

    @Test
    void naiveAfterTheMigrationsFailsTheDuplicateInsteadOfWritingIt() {
        try (HikariDataSource database = TestPostgres.after("race_naive", 2)) {
            ConcurrencyComparison.Cell cell = run(database, Implementation.NAIVE, true);

            assertThat(cell.invariants().duplicatedDeviceRows()).isZero();
            assertThat(cell.failed()).isGreaterThanOrEqualTo(1);
        }
    }

    private static ConcurrencyComparison.Cell run(HikariDataSource database, Implementation implementation, boolean after) {
        Subjects subjects = FreshSubjects.insert(database, DOUBLE_CLICKS + SHARED_DEVICES * USERS_PER_DEVICE);
        return ConcurrencyComparison.run(ReliabilityPools.configOf(database), subjects, implementation,
                after ? "after" : "before", DOUBLE_CLICKS, SHARED_DEVICES, USERS_PER_DEVICE);
    }
}
