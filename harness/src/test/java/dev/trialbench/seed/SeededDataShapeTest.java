package dev.trialbench.seed;

import static dev.trialbench.seed.SeededDatabases.SEED;
import static dev.trialbench.seed.SeededDatabases.queryLong;
import static dev.trialbench.seed.SeededDatabases.queryString;
import static dev.trialbench.seed.SeededDatabases.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.seed.SeededDatabases.Seeded;
import dev.trialbench.seed.SeededDatabases.State;
import org.junit.jupiter.api.Test;

/**
 * The shape of the data the fraud check and the report listing meet: shares, skews and time
 * windows, read back with SQL at scale 0.01 (exact for the fixed seed; the bounds are loose so
 * that they state intent, not the seed's luck).
 */
class SeededDataShapeTest {

    private static final String ANCHOR = "'" + SeededDatabases.ANCHOR + "'::timestamptz";

    private static HikariDataSource database() {
        return seeded(State.BEFORE, SEED, 0).dataSource();
    }

    private static double share(String table, String condition) {
        HikariDataSource dataSource = database();
        return (double) queryLong(dataSource, "SELECT count(*) FROM " + table + " WHERE " + condition)
                / queryLong(dataSource, "SELECT count(*) FROM " + table);
    }

    @Test
    void usersAreFakeAndMixPasswordAndGoogleSignIn() {
        assertThat(share("users", "email NOT LIKE 'user%@example.test'")).isZero();
        assertThat(share("users", "password_hash IS NOT NULL")).isBetween(0.5, 0.7);
        assertThat(share("users", "google_id IS NOT NULL")).isBetween(0.3, 0.5);
        assertThat(share("ascora_customers", "email NOT LIKE 'customer%@example.test'")).isZero();
    }

    @Test
    void devicesAreMostlyOwnedRarelyBlockedAndCountFewTrials() {
        assertThat(share("device_fingerprints", "user_id IS NULL")).isBetween(0.05, 0.15);
        assertThat(share("device_fingerprints", "is_blocked")).isBetween(0.002, 0.03);
        assertThat(share("device_fingerprints", "is_blocked <> (blocked_reason IS NOT NULL)")).isZero();
        assertThat(share("device_fingerprints", "trial_count NOT BETWEEN 0 AND 3")).isZero();
        assertThat(share("device_fingerprints", "trial_count = 0")).isGreaterThan(share("device_fingerprints", "trial_count = 3"));
    }

    @Test
    void fraudFlagsSpanThirtyDaysAllSeveritiesAndSomeAreOpenThisWeek() {
        assertThat(queryLong(database(), "SELECT count(DISTINCT severity) FROM trial_fraud_flags")).isEqualTo(4);
        assertThat(share("trial_fraud_flags", "severity NOT IN ('low', 'medium', 'high', 'critical')")).isZero();
        assertThat(share("trial_fraud_flags", "NOT resolved")).isBetween(0.2, 0.4);
        assertThat(share("trial_fraud_flags", "created_at > " + ANCHOR + " OR created_at < " + ANCHOR + " - interval '30 days'"))
                .isZero();
        assertThat(queryLong(database(), "SELECT count(*) FROM trial_fraud_flags WHERE NOT resolved"
                + " AND severity IN ('high', 'critical') AND created_at > " + ANCHOR + " - interval '7 days'")).isPositive();
    }

    @Test
    void someCardsAreSharedByTwoToSixUsers() {
        HikariDataSource dataSource = database();
        String usersPerCard = "SELECT count(DISTINCT user_id) AS users FROM payment_verifications GROUP BY card_fingerprint";
        assertThat(queryLong(dataSource, "SELECT max(users) FROM (" + usersPerCard + ") c")).isEqualTo(6);
        assertThat(queryLong(dataSource, "SELECT count(*) FROM (" + usersPerCard + ") c WHERE users = 2")).isPositive();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM (" + usersPerCard + ") c WHERE users >= 2")).isGreaterThan(10);
    }

    @Test
    void sessionsFillThirtyDaysAndBusyNatAddressesDominateTheLastDay() {
        HikariDataSource dataSource = database();
        SeedPlan plan = seeded(State.BEFORE, SEED, 0).plan();
        assertThat(share("login_sessions", "created_at > " + ANCHOR + " OR created_at < " + ANCHOR + " - interval '30 days'"))
                .isZero();
        assertThat(share("login_sessions", "family(ip_address) = 6")).isBetween(0.01, 0.06);
        String lastDay = "created_at > " + ANCHOR + " - interval '24 hours'";
        long busiest = queryLong(dataSource, "SELECT count(*) FROM login_sessions WHERE " + lastDay
                + " AND ip_address = '" + plan.busyIp(0) + "'");
        long busiestHome = queryLong(dataSource, "SELECT max(n) FROM (SELECT count(*) AS n FROM login_sessions WHERE "
                + lastDay + " AND ip_address << '10.0.0.0/8' GROUP BY ip_address) home");
        assertThat(busiest).isGreaterThanOrEqualTo(30).isGreaterThan(3 * busiestHome);
    }

    @Test
    void reportsAreSkewedSoftDeletedAndUncorrelatedWithPhysicalOrder() {
        Seeded seeded = seeded(State.BEFORE, SEED, 0);
        HikariDataSource dataSource = seeded.dataSource();
        assertThat(share("reports", "deleted_at IS NOT NULL")).isBetween(0.02, 0.04);
        assertThat(share("reports", "created_at > " + ANCHOR + " OR created_at < " + ANCHOR + " - interval '2 years'"))
                .isZero();
        assertThat(share("reports", "deleted_at < updated_at OR updated_at < created_at")).isZero();
        String block = "(ctid::text::point)[0]";
        double correlation = Double.parseDouble(queryString(dataSource,
                "SELECT corr(extract(epoch FROM created_at), " + block + ") FROM reports"));
        assertThat(Math.abs(correlation)).isLessThan(0.1);
        long blocks = queryLong(dataSource, "SELECT max(" + block + ") FROM reports");
        long heavySpan = queryLong(dataSource, "SELECT max(" + block + ") - min(" + block + ") FROM reports"
                + " WHERE created_by_user_id = '" + seeded.plan().heavyReportOwner(0) + "'");
        assertThat(heavySpan).isGreaterThan(blocks * 9 / 10);
    }

    @Test
    void aFifthOfTheAscoraRowsHaveNoOrganization() {
        assertThat(share("ascora_customers", "organization_id IS NULL")).isBetween(0.1, 0.3);
        assertThat(share("ascora_jobs", "organization_id IS NULL")).isBetween(0.1, 0.3);
    }
}
