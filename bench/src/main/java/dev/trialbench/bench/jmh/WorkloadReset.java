package dev.trialbench.bench.jmh;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Undoes what activations of the reserved pool wrote, so that every benchmark iteration (and every
 * fork) starts from the seeded data: the trial tokens of the reserved users, the device rows of the
 * reserved fingerprints, and any fraud flag of either. Each DELETE is written once, here, and takes
 * the whole pool as one array parameter, so it costs one statement however large the pool is.
 *
 * <p>Then VACUUM on the three tables, outside any measurement: without it the deleted rows stay as
 * dead tuples (and dead index entries under the same keys), which the next iteration's inserts and
 * unique checks walk through, so later iterations would do more work than earlier ones.
 * Stateless; thread-safe.
 */
public final class WorkloadReset {

    static final String DELETE_TOKENS = "DELETE FROM free_trial_tokens WHERE user_id = ANY(:userIds)";
    static final String DELETE_DEVICES = "DELETE FROM device_fingerprints WHERE fingerprint_hash = ANY(:fingerprints)";
    static final String DELETE_FLAGS = """
            DELETE FROM trial_fraud_flags
            WHERE user_id = ANY(:userIds) OR fingerprint_hash = ANY(:fingerprints)""";
    static final String VACUUM = "VACUUM free_trial_tokens, device_fingerprints, trial_fraud_flags";

    private WorkloadReset() {
    }

    /** Rows deleted, per table, by one reset. */
    public record Deleted(int tokens, int devices, int flags) {
        public int total() {
            return tokens + devices + flags;
        }
    }

    /** Deletes in one transaction, then vacuums (VACUUM cannot run inside one). */
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
