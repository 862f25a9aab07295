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
        int index = nextUser.getAndIncrement();
        if (index >= users.size()) {
            throw new IllegalStateException("The experiments need more than the " + users.size()
                    + " fresh users given (reserved pool too small: raise --reserved-users or lower the sizes)");
        }
        return users.get(index);
    }

    /** A fingerprint not handed out before. */
    public String fingerprint() {
        int index = nextFingerprint.getAndIncrement();
        if (index >= fingerprints.size()) {
            throw new IllegalStateException("The experiments need more than the " + fingerprints.size()
                    + " fresh fingerprints given (reserved pool too small: raise --reserved-devices or lower the sizes)");
        }
        return fingerprints.get(index);
    }

    public List<UUID> usedUsers() {
        return new ArrayList<>(users.subList(0, Math.min(nextUser.get(), users.size())));
    }

    public List<String> usedFingerprints() {
        return new ArrayList<>(fingerprints.subList(0, Math.min(nextFingerprint.get(), fingerprints.size())));
    }

    /** How many users are still available. */
    public int usersLeft() {
        return Math.max(0, users.size() - nextUser.get());
    }
}
