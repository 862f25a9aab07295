package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.seed.ReservedPoolReset.Deleted;
import dev.trialbench.testing.TestPostgres;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reset removes exactly what activations of the reserved pool wrote (tokens, devices, flags of
 * denials) and nothing the seeder wrote, on a database of its own seeded at scale 0.01.
 */
class ReservedPoolResetTest {

    private static HikariDataSource dataSource;
    private static Jdbi jdbi;
    private static SeedPlan plan;

    @BeforeAll
    static void seed() {
        dataSource = TestPostgres.before("reserved_reset", 3);
        SeedConfig config = SeededDatabases.config(SeededDatabases.SEED);
        new Seeder().seed(dataSource, config, SeedProgress.none());
        plan = SeedPlan.of(config);
        jdbi = Jdbis.create(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void resettingTheWholePoolLeavesExactlyTheSeededRows() {
        for (int k = 0; k < 10; k++) {
            ActivationRequest request = new ActivationRequest(plan.reservedUser(k).toString(),
                    plan.reservedFingerprint(k), Map.of("os", "test"), plan.reservedIp(k));
            var activation = k % 2 == 0 ? new NaiveActivation(jdbi) : new BatchedActivation(jdbi);
            assertThat(activation.activate(request).outcome()).isEqualTo(Outcome.ACTIVATED);
        }
        // The same user and device again: a denial, which writes fraud flags.
        ActivationRequest again = new ActivationRequest(plan.reservedUser(0).toString(),
                plan.reservedFingerprint(0), Map.of("os", "test"), plan.reservedIp(0));
        assertThat(new BatchedActivation(jdbi).activate(again).outcome()).isEqualTo(Outcome.DENIED);
        long flags = SeededDatabases.queryLong(dataSource, "SELECT count(*) FROM trial_fraud_flags")
                - plan.rowCount(SeedTable.TRIAL_FRAUD_FLAGS);
        assertThat(flags).isPositive();

        Deleted deleted = ReservedPoolReset.run(jdbi, plan);

        assertThat(deleted).isEqualTo(new Deleted(10, 10, (int) flags));
        assertThat(rowCounts()).isEqualTo(plan.rowCounts());
    }

    @Test
    void resettingAnUntouchedPoolDeletesNothing() {
        assertThat(ReservedPoolReset.run(jdbi, plan)).isEqualTo(new Deleted(0, 0, 0));
        assertThat(ReservedPoolReset.run(jdbi, List.of(), List.of()).total()).isZero();
        assertThat(rowCounts()).isEqualTo(plan.rowCounts());
    }

    private static Map<SeedTable, Long> rowCounts() {
        Map<SeedTable, Long> counts = new EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            counts.put(table, SeededDatabases.queryLong(dataSource, "SELECT count(*) FROM " + table.tableName()));
        }
        return counts;
    }
}
