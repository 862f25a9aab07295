package dev.trialbench.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations.SchemaState;
import dev.trialbench.db.Pool;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.SeedTable;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A database of its own on the shared test server: created under a trialbench name, migrated,
 * seeded, with pools handed out on it, and dropped, leaving nothing behind. Read back from the
 * server's own catalogue ({@code pg_database}).
 */
class OwnDatabaseTest {

    private static final SeedConfig SEED = SeedConfig.of(42, 0.01, Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void createMigrateSeedPoolAndDropLeaveNoDatabaseBehind() {
        ProvisionedDatabase server = TestPostgres.server();
        OwnDatabase database = OwnDatabase.create(server, "test", 2, OwnDatabase.OnClose.DROP);
        String name = database.name();
        assertThat(name).startsWith(OwnDatabase.PREFIX + "test_").matches("[a-z0-9_]{1,63}");
        assertThat(exists(name)).isTrue();

        database.prepare(SEED, true, SeedProgress.none());
        assertThat(database.migrations().state()).isEqualTo(SchemaState.AFTER);
        try (HikariDataSource service = Pool.open(database.poolConfig(3))) {
            assertThat(service.getMaximumPoolSize()).isEqualTo(3);
            assertThat(Sql.queryString(service, "SELECT current_database()")).isEqualTo(name);
            assertThat(Sql.queryLong(service, "SELECT count(*) FROM users"))
                    .isEqualTo(SeedPlan.of(SEED).rowCounts().get(SeedTable.USERS));
        }

        database.drop();
        database.drop();
        database.close();

        assertThat(exists(name)).isFalse();
        assertThat(database.dataSource().isClosed()).isTrue();
    }

    @Test
    void closeDropsUnlessTheDatabaseIsKept() {
        ProvisionedDatabase server = TestPostgres.server();
        String dropped;
        try (OwnDatabase database = OwnDatabase.create(server, "test", 2, OwnDatabase.OnClose.DROP)) {
            dropped = database.name();
        }
        OwnDatabase kept = OwnDatabase.create(server, "test", 2, OwnDatabase.OnClose.KEEP);
        kept.close();

        assertThat(exists(dropped)).isFalse();
        assertThat(exists(kept.name())).isTrue();
        assertThat(kept.dataSource().isClosed()).isTrue();
        kept.drop();
        assertThat(exists(kept.name())).isFalse();
    }

    @Test
    void twoDatabasesOfOnePurposeNeverShareAName() {
        try (OwnDatabase first = OwnDatabase.create(TestPostgres.server(), "test", 1, OwnDatabase.OnClose.DROP);
             OwnDatabase second = OwnDatabase.create(TestPostgres.server(), "test", 1, OwnDatabase.OnClose.DROP)) {
            assertThat(first.name()).isNotEqualTo(second.name());
        }
    }

    @Test
    void aPurposeThatIsNotAShortWordIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> OwnDatabase.create(TestPostgres.server(), "Run; DROP", 2, OwnDatabase.OnClose.DROP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Run; DROP'");
    }

    private static boolean exists(String name) {
        try (HikariDataSource admin = Pool.open(TestPostgres.server().poolConfig().withMaximumPoolSize(1))) {
            return Sql.queryLong(admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == 1;
        }
    }
}
