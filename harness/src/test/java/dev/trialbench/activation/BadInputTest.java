package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.StatementCounter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed requests get a clear error before any statement runs, so nothing is ever written. */
class BadInputTest {

    private static HikariDataSource dataSource;
    private static final String USER = "6f1c2d3e-4a5b-4c6d-8e7f-001122334455";
    private static final String DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @BeforeAll
    static void database() {
        dataSource = SchemaState.AFTER.freshDatabase("bad_input", 2);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    static List<ActivationRequest> badRequests() {
        Map<String, String> oversized = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            oversized.put("key" + i, "v".repeat(200));
        }
        return List.of(
                new ActivationRequest(null, DEVICE, null, null),
                new ActivationRequest("", DEVICE, null, null),
                new ActivationRequest("not-a-uuid", DEVICE, null, null),
                new ActivationRequest("1; DELETE FROM users", DEVICE, null, null),
                new ActivationRequest(USER, null, null, null),
                new ActivationRequest(USER, "", null, null),
                new ActivationRequest(USER, "abc' OR '1'='1", null, null),
                new ActivationRequest(USER, DEVICE + "'); DROP TABLE device_fingerprints; --", null, null),
                new ActivationRequest(USER, DEVICE, oversized, null),
                new ActivationRequest(USER, DEVICE, Map.of("ua", "x".repeat(10_000)), null),
                new ActivationRequest(USER, DEVICE, Map.of("ua", "nul\u0000byte"), null),
                new ActivationRequest(USER, DEVICE, null, "10.0.0.1' OR 1=1 --"),
                new ActivationRequest(USER, DEVICE, null, "evil.example.com"));
    }

    @Test
    void badInputGetsAClearErrorAndWritesNothingOnEitherPath() {
        StatementCounter counter = new StatementCounter();
        Jdbi counted = Jdbis.create(counter.wrap(dataSource));
        Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(8));
        fixtures.user();
        String rowsBefore = fixtures.writtenRows();
        long usersBefore = fixtures.count("SELECT count(*) FROM users");
        for (TrialActivation activation : List.of(new NaiveActivation(counted), new BatchedActivation(counted))) {
            for (ActivationRequest bad : badRequests()) {
                assertThatThrownBy(() -> activation.activate(bad))
                        .as("%s %s", activation.name(), bad)
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageStartingWith("Invalid activation request: ");
                assertThatThrownBy(() -> activation.readFraudSignals(bad)).isInstanceOf(InvalidRequestException.class);
            }
        }
        assertThat(counter.snapshot().roundTrips()).as("statements sent for bad input").isZero();
        assertThat(fixtures.writtenRows()).isEqualTo(rowsBefore);
        assertThat(fixtures.count("SELECT count(*) FROM users")).isEqualTo(usersBefore);
    }
}
