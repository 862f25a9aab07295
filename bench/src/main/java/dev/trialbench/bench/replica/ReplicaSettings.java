package dev.trialbench.bench.replica;

import dev.trialbench.bench.profile.RunProfile;

/**
 * How much the read-replica step measures in each profile: seconds in quick, a few minutes in full.
 * Kept beside the step (not in {@link RunProfile}) while the step is new; the README's replica section
 * states these values. Immutable.
 *
 * @param rounds            rounds of the three phases (listing nowhere, on the primary, on the replica)
 * @param phaseSeconds      seconds of each phase
 * @param activationThreads threads activating on the primary in every phase
 * @param listingThreads    threads listing in the listing phases
 * @param probes            read-your-writes probes (each an activation followed at once by a read on the replica)
 */
public record ReplicaSettings(int rounds, int phaseSeconds, int activationThreads, int listingThreads, int probes) {

    public static final ReplicaSettings QUICK = new ReplicaSettings(2, 2, 2, 2, 100);
    public static final ReplicaSettings FULL = new ReplicaSettings(3, 10, 2, 4, 500);

    public static ReplicaSettings of(RunProfile profile) {
        return profile.name().equals(RunProfile.FULL.name()) ? FULL : QUICK;
    }
}
