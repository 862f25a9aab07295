package dev.trialbench.seed;

import static dev.trialbench.seed.SeededDatabases.SEED;
import static dev.trialbench.seed.SeededDatabases.contentDigests;
import static dev.trialbench.seed.SeededDatabases.queryLong;
import static dev.trialbench.seed.SeededDatabases.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.seed.SeededDatabases.Seeded;
import dev.trialbench.seed.SeededDatabases.State;
import dev.trialbench.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeederDeterminismTest {

    @Test
    void sameSeedGivesIdenticalRowsInTwoFreshDatabases() {
        Map<SeedTable, String> first = contentDigests(seeded(State.BEFORE, SEED, 0).dataSource());
        Map<SeedTable, String> second = contentDigests(seeded(State.BEFORE, SEED, 1).dataSource());
        assertThat(first.values()).doesNotContainNull();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void afterStateGetsTheSameRowsAsBeforeState() {
        assertThat(contentDigests(seeded(State.AFTER, SEED, 0).dataSource()))
                .isEqualTo(contentDigests(seeded(State.BEFORE, SEED, 0).dataSource()));
    }

    @Test
    void differentSeedGivesDifferentRowsInEveryTable() {
        Map<SeedTable, String> first = contentDigests(seeded(State.BEFORE, SEED, 0).dataSource());
        Map<SeedTable, String> other = contentDigests(seeded(State.BEFORE, SEED + 1, 0).dataSource());
        for (SeedTable table : SeedTable.values()) {
            assertThat(other.get(table)).as(table.tableName()).isNotEqualTo(first.get(table));
        }
    }

    @Test
    void oneLaneOnAOneConnectionPoolGivesTheSameRowsAsTwoLanes() {
        try (HikariDataSource dataSource = TestPostgres.before("seed_one_lane", 1)) {
            new Seeder().seed(dataSource, SeededDatabases.config(SEED), SeedProgress.none());
            assertThat(contentDigests(dataSource)).isEqualTo(contentDigests(seeded(State.BEFORE, SEED, 0).dataSource()));
        }
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void rowCountsEqualWhatThePlanSays(State state) {
        Seeded seeded = seeded(state, SEED, 0);
        for (SeedTable table : SeedTable.values()) {
            long expected = seeded.plan().rowCount(table);
            assertThat(queryLong(seeded.dataSource(), "SELECT count(*) FROM " + table.tableName()))
                    .as(table.tableName()).isEqualTo(expected);
            assertThat(seeded.summary().table(table).rows()).isEqualTo(expected);
            assertThat(seeded.summary().table(table).heapBytes()).isPositive();
        }
        assertThat(seeded.summary().totalHeapBytes())
                .isEqualTo(seeded.summary().tables().stream().mapToLong(SeedSummary.TableLoad::heapBytes).sum());
        assertThat(seeded.summary().config()).isEqualTo(SeededDatabases.config(SEED));
    }
}
