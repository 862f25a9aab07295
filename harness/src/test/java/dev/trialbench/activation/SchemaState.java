package dev.trialbench.activation;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;

/** The two schema states every activation test runs in. */
enum SchemaState {
    BEFORE, AFTER;

    HikariDataSource freshDatabase(String purpose, int poolSize) {
        return this == BEFORE
                ? TestPostgres.before(purpose + "_before", poolSize)
                : TestPostgres.after(purpose + "_after", poolSize);
    }
}
