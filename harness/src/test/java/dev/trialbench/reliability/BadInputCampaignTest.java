package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The campaign against the real service on a database at AFTER with one user: every malformed
 * request is rejected cleanly, none gets a 5xx, none writes a row; and the campaign is the same for
 * the same seed.
 */
class BadInputCampaignTest {

    @Test
    void everyMalformedRequestIsRejectedCleanlyAndWritesNothing() {
        try (HikariDataSource dataSource = TestPostgres.after("bad_input_campaign", 4)) {
            Sql.execute(dataSource, "INSERT INTO users (user_id, email, name) VALUES ('" + UUID.randomUUID()
                    + "', 'campaign@example.test', 'Campaign User')");

            BadInputResult result = BadInputCampaign.againstNewService(dataSource, 42, BadInputCampaign.DEFAULT_COUNT);

            assertThat(result.examplesOfFailures()).isEmpty();
            assertThat(result.tried()).isGreaterThanOrEqualTo(500);
            assertThat(result.rejectedCleanly()).isEqualTo(result.tried());
            assertThat(result.serverErrors()).isZero();
            assertThat(result.rowsWritten()).isZero();
            assertThat(result.triedByCategory()).containsKeys("invalid-utf8", "sql-injection", "huge-body",
                    "content-length-lie", "deep-nesting", "wrong-method", "content-type", "unknown-user");
            assertThat(result.clean()).isTrue();
        }
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        List<MalformedRequest> first = MalformedRequests.generate(7, 200, "127.0.0.1:1", UUID.nameUUIDFromBytes(new byte[1]).toString());
        List<MalformedRequest> second = MalformedRequests.generate(7, 200, "127.0.0.1:1", UUID.nameUUIDFromBytes(new byte[1]).toString());
        assertThat(first).hasSize(200);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).head()).isEqualTo(first.get(i).head());
            assertThat(second.get(i).body()).isEqualTo(first.get(i).body());
        }
    }
}
