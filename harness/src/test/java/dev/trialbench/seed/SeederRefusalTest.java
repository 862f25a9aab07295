package dev.trialbench.seed;

import static dev.trialbench.seed.SeededDatabases.SEED;
import static dev.trialbench.seed.SeededDatabases.contentDigests;
import static dev.trialbench.seed.SeededDatabases.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.seed.SeededDatabases.Seeded;
import dev.trialbench.seed.SeededDatabases.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeederRefusalTest {

    @Test
    void seedingASeededDatabaseThrowsAndChangesNothing() {
        Seeded seeded = SeededDatabases.seeded(State.BEFORE, SEED, 0);
        Map<SeedTable, String> before = contentDigests(seeded.dataSource());
        assertThatThrownBy(() -> new Seeder().seed(seeded.dataSource(), SeededDatabases.config(SEED + 5),
                SeedProgress.none()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database already seeded")
                .hasMessageContaining("users")
                .hasMessageContaining("use a fresh database");
        assertThat(contentDigests(seeded.dataSource())).isEqualTo(before);
    }

    @Test
    void aStrayRowInAnyTableIsRefusedAndNothingIsWritten() throws SQLException {
        try (HikariDataSource dataSource = SeededDatabases.fresh(State.AFTER, "seed_stray_row")) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO ascora_customers (customer_id, email) VALUES"
                        + " ('00000000-0000-4000-8000-000000000001', 'stray@example.test')");
            }
            assertThatThrownBy(() -> new Seeder().seed(dataSource, SeededDatabases.config(SEED), SeedProgress.none()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ascora_customers");
            assertThat(queryLong(dataSource, "SELECT count(*) FROM users")).isZero();
            assertThat(queryLong(dataSource, "SELECT count(*) FROM ascora_customers")).isEqualTo(1);
        }
    }
}
