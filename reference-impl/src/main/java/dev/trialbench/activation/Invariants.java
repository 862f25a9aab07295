package dev.trialbench.activation;

import java.util.Collection;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import dev.trialbench.db.Jdbis;
import org.jdbi.v3.core.Jdbi;

/**
 * The invariants of trial activation, read back with SQL after a test, a fault experiment or a load
 * run: at most one trial per user (so at most one active one), one device row per fingerprint,
 * a token for every activation the caller was told succeeded, a fraud flag for every denial.
 *
 * <p>Every check is scoped to the users and fingerprints the caller names (for example the seeded
 * reserved pool that a run activated), so history written by the seeder does not count. Each query
 * takes its scope as one array parameter, so a check costs five statements however large the scope.
 * Stateless; thread-safe.
 */
public final class Invariants {

    static final String USERS_WITH_TWO_ACTIVE_TRIALS = """
            SELECT count(*) FROM (SELECT user_id FROM free_trial_tokens
                                  WHERE user_id = ANY(:users) AND status = 'active' AND expires_at > now()
                                  GROUP BY user_id HAVING count(*) > 1) doubled""";
    static final String USERS_WITH_DOUBLE_TRIALS = """
            SELECT count(*) FROM (SELECT user_id FROM free_trial_tokens WHERE user_id = ANY(:users)
                                  GROUP BY user_id HAVING count(*) > 1) doubled""";
    static final String DUPLICATED_DEVICE_ROWS = """
            SELECT count(*) FROM (SELECT fingerprint_hash FROM device_fingerprints WHERE fingerprint_hash = ANY(:fingerprints)
                                  GROUP BY fingerprint_hash HAVING count(*) > 1) duplicated""";
    static final String ACCEPTED_WITHOUT_TOKEN = """
            SELECT count(*) FROM unnest(CAST(:users AS uuid[])) AS accepted(user_id)
            WHERE NOT EXISTS (SELECT 1 FROM free_trial_tokens t WHERE t.user_id = accepted.user_id)""";
    static final String DENIED_WITHOUT_FLAG = """
            SELECT count(*) FROM unnest(CAST(:users AS uuid[])) AS denied(user_id)
            WHERE NOT EXISTS (SELECT 1 FROM trial_fraud_flags f WHERE f.user_id = denied.user_id)""";

    private Invariants() {
    }

    /**
     * @param accepted     users the callers were told were activated (distinct or not)
     * @param denied       users the callers were told were denied
     * @param users        every user the run touched: the scope of the trial checks
     * @param fingerprints every fingerprint the run touched: the scope of the device check
     */
    public static InvariantReport check(DataSource dataSource, Collection<UUID> accepted, Collection<UUID> denied,
                                        Collection<UUID> users, Collection<String> fingerprints) {
        Jdbi jdbi = Jdbis.create(dataSource);
        return jdbi.withHandle(handle -> new InvariantReport(
                count(handle, USERS_WITH_TWO_ACTIVE_TRIALS, users),
                count(handle, USERS_WITH_DOUBLE_TRIALS, users),
                countFingerprints(handle, fingerprints),
                count(handle, ACCEPTED_WITHOUT_TOKEN, accepted),
                count(handle, DENIED_WITHOUT_FLAG, denied)));
    }

    private static long count(Handle handle, String sql, Collection<UUID> users) {
        return handle.createQuery(sql)
                .bindArray("users", UUID.class, users.stream().distinct().toArray())
                .mapTo(Long.class)
                .one();
    }

    private static long countFingerprints(Handle handle, Collection<String> fingerprints) {
        return handle.createQuery(DUPLICATED_DEVICE_ROWS)
                .bindArray("fingerprints", String.class, fingerprints.stream().distinct().toArray())
                .mapTo(Long.class)
                .one();
    }
}
