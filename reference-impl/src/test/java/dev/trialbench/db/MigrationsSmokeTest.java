package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import org.junit.jupiter.api.Test;

class MigrationsSmokeTest {

    @Test
    void emptyDatabaseMovesToBeforeThenAfter() {
        try (HikariDataSource dataSource = TestPostgres.freshDatabase("smoke", 3)) {
            Migrations migrations = new Migrations(dataSource);
            assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.EMPTY);
            assertThat(migrations.migrateToBefore()).hasSize(1);
            assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.BEFORE);
            assertThat(migrations.migrateToAfter()).isNotEmpty();
            assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.AFTER);
            migrations.revertToBefore();
            assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.BEFORE);
        }
    }
}
