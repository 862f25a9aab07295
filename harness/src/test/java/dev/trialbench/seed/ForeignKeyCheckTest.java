package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeyCheckTest {

    private static final List<SeedTable> ALL = Arrays.asList(SeedTable.values());

    @Test
    void beforeStateHasTheReportsOwnerKeyOnly() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("fk_before", 1);
             Connection connection = dataSource.getConnection()) {
            List<ForeignKeyCheck.ForeignKey> keys = ForeignKeyCheck.of(connection, ALL);
            assertThat(keys).singleElement().satisfies(key -> {
                assertThat(key.table()).isEqualTo("reports");
                assertThat(key.referencedTable()).isEqualTo("users");
                assertThat(key.columns()).containsExactly("created_by_user_id");
                assertThat(key.referencedColumns()).containsExactly("user_id");
            });
        }
    }

    @Test
    void afterStateListsEveryForeignKeyOfTheMigrations() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.after("fk_after", 1);
             Connection connection = dataSource.getConnection()) {
            assertThat(ForeignKeyCheck.of(connection, ALL)).extracting(ForeignKeyCheck.ForeignKey::table)
                    .containsExactlyInAnyOrder("reports", "free_trial_tokens", "device_fingerprints", "trial_fraud_flags",
                            "trial_usage", "trial_usage", "payment_verifications", "login_sessions");
        }
    }

    @Test
    void aRowWithoutItsReferencedRowIsReportedWithTheKeysName() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("fk_violation", 1);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.execute("INSERT INTO reports (report_id, created_by_user_id, title)"
                    + " VALUES (gen_random_uuid(), gen_random_uuid(), 'orphan'), (gen_random_uuid(), NULL, 'no owner')");
            statement.execute("RESET session_replication_role");
            List<ForeignKeyCheck.ForeignKey> keys = ForeignKeyCheck.of(connection, ALL);
            assertThatThrownBy(() -> ForeignKeyCheck.verify(connection, keys))
                    .isInstanceOf(SeedException.class)
                    .hasMessageContaining(keys.get(0).name() + " (1 rows of reports)");
        }
    }
}
