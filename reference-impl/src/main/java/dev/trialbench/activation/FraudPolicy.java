package dev.trialbench.activation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one fraud decision both implementations share: pure (signals in, decision out), so that naive
 * and batched can differ only in how they read and write, never in what they decide.
 *
 * <p>The optimization report does not show its {@code processFraudData}; these rules are the
 * reference implementation's own, chosen so that every signal matters and seeded data yields a mix
 * of outcomes. One trial per user, ever: a user who had a trial is denied (this is also what keeps a
 * user from holding two active trials once the user row is locked).
 *
 * <table>
 *   <caption>Rules (points add up, capped at 100; denied at {@value #DENY_AT} or more)</caption>
 *   <tr><th>signal</th><th>flag</th><th>points</th></tr>
 *   <tr><td>device blocked</td><td>DEVICE_BLOCKED, critical</td><td>100</td></tr>
 *   <tr><td>user had a trial before</td><td>USER_PREVIOUS_TRIAL, high</td><td>100</td></tr>
 *   <tr><td>open critical flags &ge; 1</td><td>OPEN_CRITICAL_FLAGS, critical</td><td>70</td></tr>
 *   <tr><td>device trials &ge; 3 / &ge; 1</td><td>DEVICE_TRIAL_REUSE, high / medium</td><td>50 / 20</td></tr>
 *   <tr><td>card shared by &ge; 3 / 2 users</td><td>CARD_SHARED, high / medium</td><td>40 / 20</td></tr>
 *   <tr><td>IP sessions in 24 h &ge; 20 / &ge; 5</td><td>IP_VELOCITY, high / low</td><td>30 / 10</td></tr>
 *   <tr><td>open high flags &ge; 1</td><td>OPEN_HIGH_FLAGS, medium</td><td>10 each, at most 30</td></tr>
 * </table>
 *
 * Thread-safe (stateless).
 */
public final class FraudPolicy {

    public static final int DENY_AT = 70;

    private FraudPolicy() {
    }

    public static FraudDecision decide(FraudSignals signals) {
        List<FraudFlag> flags = new ArrayList<>();
        if (signals.deviceBlocked()) {
            flags.add(new FraudFlag("DEVICE_BLOCKED", Severity.CRITICAL, 100, 1));
        }
        if (signals.userTrials() > 0) {
            flags.add(new FraudFlag("USER_PREVIOUS_TRIAL", Severity.HIGH, 100, signals.userTrials()));
        }
        if (signals.openCriticalFlags() > 0) {
            flags.add(new FraudFlag("OPEN_CRITICAL_FLAGS", Severity.CRITICAL, 70, signals.openCriticalFlags()));
        }
        if (signals.deviceTrials() >= 3) {
            flags.add(new FraudFlag("DEVICE_TRIAL_REUSE", Severity.HIGH, 50, signals.deviceTrials()));
        } else if (signals.deviceTrials() >= 1) {
            flags.add(new FraudFlag("DEVICE_TRIAL_REUSE", Severity.MEDIUM, 20, signals.deviceTrials()));
        }
        if (signals.cardUsers() >= 3) {
            flags.add(new FraudFlag("CARD_SHARED", Severity.HIGH, 40, signals.cardUsers()));
        } else if (signals.cardUsers() == 2) {
            flags.add(new FraudFlag("CARD_SHARED", Severity.MEDIUM, 20, signals.cardUsers()));
        }
        if (signals.ipSessions24h() >= 20) {
            flags.add(new FraudFlag("IP_VELOCITY", Severity.HIGH, 30, signals.ipSessions24h()));
        } else if (signals.ipSessions24h() >= 5) {
            flags.add(new FraudFlag("IP_VELOCITY", Severity.LOW, 10, signals.ipSessions24h()));
        }
        if (signals.openHighFlags() > 0) {
            flags.add(new FraudFlag("OPEN_HIGH_FLAGS", Severity.MEDIUM,
                    (int) Math.min(30, 10 * signals.openHighFlags()), signals.openHighFlags()));
        }
        flags.sort(Comparator.comparingInt(FraudFlag::points).reversed());
        int score = (int) Math.min(100, flags.stream().mapToLong(FraudFlag::points).sum());
        boolean allowed = score < DENY_AT;
        String reason;
        if (!allowed) {
            reason = "denied: " + describe(flags.get(0));
        } else if (flags.isEmpty()) {
            reason = "no fraud signals";
        } else {
            reason = "low risk: " + describe(flags.get(0));
        }
        return new FraudDecision(allowed, score, flags, reason);
    }

    private static String describe(FraudFlag flag) {
        return switch (flag.type()) {
            case "DEVICE_BLOCKED" -> "the device is blocked";
            case "USER_PREVIOUS_TRIAL" -> "the user already had a trial";
            case "OPEN_CRITICAL_FLAGS" -> "open critical fraud flags on the user or device";
            case "DEVICE_TRIAL_REUSE" -> "the device was used for " + flag.signal() + " trial(s)";
            case "CARD_SHARED" -> "the user's card is shared by " + flag.signal() + " users";
            case "IP_VELOCITY" -> flag.signal() + " sessions from the IP in 24 hours";
            case "OPEN_HIGH_FLAGS" -> "open high-severity fraud flags";
            default -> flag.type();
        };
    }
}
