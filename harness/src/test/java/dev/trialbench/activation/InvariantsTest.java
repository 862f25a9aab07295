package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Jdbis;
import dev.trialbench.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each invariant count is zero on clean rows and counts damage written by hand with plain SQL, and
 * only within the scope it is given.
 */
class InvariantsTest {

    @Test
    void cleanRowsHaveNoViolation() {
        try (HikariDataSource dataSource = TestPostgres.before("invariants_clean", 2)) {
            Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(71));
            UUID accepted = fixtures.user();
            fixtures.trial(accepted, true);
            UUID denied = fixtures.user();
            fixtures.flag(denied, null, Severity.HIGH, false, Duration.ofMinutes(1));
            String fingerprint = fixtures.newFingerprint();
            fixtures.device(fingerprint, 1, false, accepted);

            InvariantReport report = Invariants.check(dataSource, List.of(accepted), List.of(denied),
                    List.of(accepted, denied), List.of(fingerprint));

            assertThat(report).isEqualTo(InvariantReport.CLEAN);
            assertThat(report.total()).isZero();
        }
    }

    @Test
    void everyKindOfDamageIsCountedWithinTheScope() {
        try (HikariDataSource dataSource = TestPostgres.before("invariants_damage", 2)) {
            Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(72));
            UUID twoActive = fixtures.user();
            fixtures.trial(twoActive, true);
            fixtures.trial(twoActive, true);
            UUID activeAndExpired = fixtures.user();
            fixtures.trial(activeAndExpired, true);
            fixtures.trial(activeAndExpired, false);
            String duplicated = fixtures.newFingerprint();
            fixtures.device(duplicated, 1, false, twoActive);
            fixtures.device(duplicated, 1, false, activeAndExpired);
            UUID acceptedWithoutToken = fixtures.user();
            UUID deniedWithoutFlag = fixtures.user();
            UUID outOfScope = fixtures.user();
            fixtures.trial(outOfScope, true);
            fixtures.trial(outOfScope, true);

            InvariantReport report = Invariants.check(dataSource, List.of(acceptedWithoutToken, twoActive),
                    List.of(deniedWithoutFlag), List.of(twoActive, activeAndExpired, acceptedWithoutToken, deniedWithoutFlag),
                    List.of(duplicated));

            assertThat(report).isEqualTo(new InvariantReport(1, 2, 1, 1, 1));
            assertThat(report.total()).isEqualTo(6);
        }
    }
}
