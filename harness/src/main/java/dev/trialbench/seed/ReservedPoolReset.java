package dev.trialbench.seed;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Undoes what activations of the reserved pool wrote, so that the next measurement (a benchmark
 * iteration, a fork, a load run, a pgbench run) starts from the seeded data: the trial tokens of the
 * reserved users, the device rows of the reserved fingerprints, and any fraud flag of either. The
 * seeder writes none of these rows ({@link SeedPlan}: reserved users own nothing, reserved
 * fingerprints occur nowhere), so deleting them removes exactly what activations added. Each DELETE
 * is written once, here, and takes the whole pool as one array parameter, so it costs one statement
 * however large the pool is.
 *
 * <p>Then VACUUM on the three tables, outside any measurement: without it the deleted rows stay as
 * dead tuples (and dead index entries under the same keys), which the next run's inserts and unique
 * checks walk through, so later runs would do more work than earlier ones.
 * Stateless; thread-safe.
 */
public final class ReservedPoolReset {

    static final String DELETE_TOKENS = "DELETE FROM free_trial_tokens WHERE user_id = ANY(:userIds)";
    static final String DELETE_DEVICES = "DELETE FROM device_fingerprints WHERE fingerprint_hash = ANY(:fingerprints)";
    static final String DELETE_FLAGS = """
            DELETE FROM trial_fraud_flags
            WHERE user_id = ANY(:userIds) OR fingerprint_hash = ANY(:fingerprints)""";
    static final String VACUUM = "VACUUM free_trial_tokens, device_fingerprints, trial_fraud_flags";

    private ReservedPoolReset() {
    }

    /** Rows deleted, per table, by one reset. */
    public record Deleted(int tokens, int devices, int flags) {
        public int total() {
            return tokens + devices + flags;
        }
    }

    /** Resets the whole reserved pool of {@code plan}: every reserved user and every reserved fingerprint. */
    public static Deleted run(Jdbi jdbi, SeedPlan plan) {
        return run(jdbi, plan.reservedUsers(), plan.reservedFingerprints());
    }

    /**
     * Deletes what activations of these users and fingerprints wrote, in one transaction, then
     * vacuums (VACUUM cannot run inside one). Pass only reserved users and fingerprints: seeded
     * rows of other users or devices would be deleted too.
     */
    public static Deleted run(Jdbi jdbi, List<UUID> userIds, List<String> fingerprints) {
        UUID[] users = userIds.toArray(UUID[]::new);
        String[] hashes = fingerprints.toArray(String[]::new);
        Deleted deleted = jdbi.inTransaction(handle -> new Deleted(
                delete(handle, DELETE_TOKENS, users, hashes),
                delete(handle, DELETE_DEVICES, users, hashes),
                delete(handle, DELETE_FLAGS, users, hashes)));
        jdbi.useHandle(handle -> handle.execute(VACUUM));
        return deleted;
    }

    private static int delete(Handle handle, String sql, UUID[] users, String[] fingerprints) {
        var update = handle.createUpdate(sql);
        if (sql.contains(":userIds")) {
            update.bindArray("userIds", UUID.class, (Object[]) users);
        }
        if (sql.contains(":fingerprints")) {
            update.bindArray("fingerprints", String.class, (Object[]) fingerprints);
        }
        return update.execute();
    }
}
