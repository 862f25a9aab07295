package dev.trialbench.activation;

/**
 * What {@link Invariants#check} found, each a count of violations (0 on correct data). Immutable.
 *
 * @param usersWithTwoActiveTrials   users holding two or more active, unexpired trials at once
 * @param usersWithDoubleTrials      users holding two or more trials at all (a trial is once per user)
 * @param duplicatedDeviceRows       fingerprints with more than one device row
 * @param acceptedWithoutToken       users answered "activated" (201) that have no token row
 * @param deniedWithoutFlag          users answered "denied" (403) that have no fraud flag
 */
public record InvariantReport(long usersWithTwoActiveTrials, long usersWithDoubleTrials, long duplicatedDeviceRows,
                              long acceptedWithoutToken, long deniedWithoutFlag) {

    /** All violations together; 0 means every invariant holds. */
    public long total() {
        return usersWithTwoActiveTrials + usersWithDoubleTrials + duplicatedDeviceRows + acceptedWithoutToken
                + deniedWithoutFlag;
    }

    /** No violation at all. */
    public static final InvariantReport CLEAN = new InvariantReport(0, 0, 0, 0, 0);

    /** Both reports added up, field by field (for totals over several cells). */
    public InvariantReport plus(InvariantReport other) {
        return new InvariantReport(usersWithTwoActiveTrials + other.usersWithTwoActiveTrials,
                usersWithDoubleTrials + other.usersWithDoubleTrials, duplicatedDeviceRows + other.duplicatedDeviceRows,
                acceptedWithoutToken + other.acceptedWithoutToken, deniedWithoutFlag + other.deniedWithoutFlag);
    }
}
