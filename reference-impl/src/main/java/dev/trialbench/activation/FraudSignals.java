package dev.trialbench.activation;

/**
 * Everything the fraud decision looks at, read from the database in one consistent moment (one
 * statement for the batched path, six for the naive one). Both paths fill it with the same meaning:
 * a user, device or IP with no history reads as zeros, never as "no row".
 *
 * @param userTrials         trial tokens the user ever had
 * @param userActiveTrials   of those, the ones active and not expired now
 * @param cardUsers          distinct users (the user included) whose payment verifications carry the
 *                           card fingerprint of the user's latest verification; 0 if the user has none
 * @param deviceRows         rows with this fingerprint hash (more than 1 only if the naive path
 *                           duplicated a device on the schema without a unique index)
 * @param deviceTrials       trials recorded on this device (summed over its rows)
 * @param deviceBlocked      whether any of the device's rows is blocked
 * @param ipSessions24h      login sessions from the IP in the last 24 hours; 0 without an IP
 * @param openCriticalFlags  unresolved critical fraud flags of the user or the device, last 7 days
 * @param openHighFlags      unresolved high fraud flags of the user or the device, last 7 days
 */
public record FraudSignals(
        long userTrials,
        long userActiveTrials,
        long cardUsers,
        long deviceRows,
        long deviceTrials,
        boolean deviceBlocked,
        long ipSessions24h,
        long openCriticalFlags,
        long openHighFlags) {

    /** The signals of a user, device and IP that have no history at all. */
    public static final FraudSignals NONE = new FraudSignals(0, 0, 0, 0, 0, false, 0, 0, 0);
}
