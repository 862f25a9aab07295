package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A statement that runs past statement_timeout: cancelled with 57014 on a pool with Fix 4's settings
 * (timeout shortened), run to its end on a connection without them. Asserts SQLStates and settings,
 * never how long anything took.
 */
class QueryTimeoutTest {

    @Test
    void fix4PoolCancelsTheOverrunningStatementAndThePoolWithoutItLetsItFinish() {
        try (HikariDataSource database = TestPostgres.after("query_timeout", 2)) {
            QueryTimeout result = QueryTimeout.run(ReliabilityPools.configOf(database));

            assertThat(result.fix4StatementTimeout()).isEqualTo("30s");
            assertThat(result.after()).satisfies(after -> {
                assertThat(after.statementTimeout()).isEqualTo("200ms");
                assertThat(after.statementMillis()).isEqualTo(600);
                assertThat(after.ranToEnd()).isFalse();
                assertThat(after.sqlState()).isEqualTo("57014");
                assertThat(after.cancelledByTimeout()).isTrue();
            });
            assertThat(result.before()).satisfies(before -> {
                assertThat(before.statementTimeout()).isEqualTo("0");
                assertThat(before.ranToEnd()).isTrue();
                assertThat(before.sqlState()).isNull();
                assertThat(before.cancelledByTimeout()).isFalse();
            });
        }
    }
}
