package dev.trialbench.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The users and fingerprints the experiments may activate: users that exist and own nothing yet, and
 * fingerprints no device row has (in a seeded run, the reserved pool; in a test, rows the test just
 * inserted). Each is handed out once; {@link #usedUsers()} and {@link #usedFingerprints()} give the
 * scope for {@link dev.trialbench.activation.Invariants} and for the cleanup afterwards.
 * Thread-safe (atomic cursors over immutable lists).
 */
public final class Subjects {

    private final List<UUID> users;
    private final List<String> fingerprints;
    private final AtomicInteger nextUser = new AtomicInteger();
    private final AtomicInteger nextFingerprint = new AtomicInteger();

    public Subjects(List<UUID> users, List<String> fingerprints) {
        this.users = List.copyOf(users);
        this.fingerprints = List.copyOf(fingerprints);
    }

    /** A user not handed out before. */
    public UUID user() {
        return take(users, nextUser, "users", "--reserved-users");
    }

    /** A fingerprint not handed out before. */
    public String fingerprint() {
        return take(fingerprints, nextFingerprint, "fingerprints", "--reserved-devices");
    }

    private static <T> T take(List<T> pool, AtomicInteger cursor, String what, String flag) {
        int index = cursor.getAndIncrement();
        if (index >= pool.size()) {
            throw new IllegalStateException("The experiments need more than the " + pool.size() + " fresh " + what
                    + " given (reserved pool too small: raise " + flag + " or lower the sizes)");
        }
        return pool.get(index);
    }

    public List<UUID> usedUsers() {
        return new ArrayList<>(users.subList(0, Math.min(nextUser.get(), users.size())));
    }

    public List<String> usedFingerprints() {
        return new ArrayList<>(fingerprints.subList(0, Math.min(nextFingerprint.get(), fingerprints.size())));
    }
}
