package dev.trialbench.seed;

import static dev.trialbench.seed.CopyBuffer.ascii;

/**
 * trial_fraud_flags over the 30 days before the anchor (so about a quarter fall in the fraud
 * check's 7-day window): severity low 40%, medium 30%, high 20%, critical 10%, with a fraud score
 * in the severity's band of 0..100; about 30% unresolved. Users are active users (5% none),
 * fingerprints existing devices (15% none), IPs busy NAT or home addresses (30% none).
 * Not thread-safe.
 */
final class FraudFlagRows extends UserOwnedRows {

    private static final int[] SCORE_FLOOR = {0, 30, 60, 85};
    private static final int[] SCORE_SPAN = {30, 30, 25, 16};
    private static final byte[] RULE = ascii("{\"rule\": \"");
    private static final byte[] SIGNALS = ascii("\", \"signals\": ");
    private static final byte[] END = ascii(", \"source\": \"seed\"}");

    private final long devices;

    FraudFlagRows(SeedPlan plan) {
        super(plan, SeedTable.TRIAL_FRAUD_FLAGS);
        this.devices = plan.rowCount(SeedTable.DEVICE_FINGERPRINTS);
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        out.uuid(Mix.uuid(idStream, index));
        long user = random.below(activeUsers);
        if (random.percent(95)) {
            out.uuid(Mix.uuid(userIdStream, user));
        } else {
            out.nullValue();
        }
        if (random.percent(85)) {
            DeviceRows.writeFingerprint(plan, random.below(devices), out);
        } else {
            out.nullValue();
        }
        int ipKind = random.below(100);
        if (ipKind < 20) {
            out.ipv4(plan.busyIpv4(random.below(plan.busyIpCount())));
        } else if (ipKind < 70) {
            out.ipv4(plan.homeIpv4(user, 0));
        } else {
            out.nullValue();
        }
        byte[] flagType = random.pick(FakeText.FLAG_TYPES);
        out.text(flagType);
        int band = random.below(100);
        int severity = band < 40 ? 0 : band < 70 ? 1 : band < 90 ? 2 : 3;
        out.text(FakeText.SEVERITIES[severity]);
        out.number(SCORE_FLOOR[severity] + random.below(SCORE_SPAN[severity]));
        out.json();
        out.append(RULE);
        out.append(flagType);
        out.append(SIGNALS);
        out.appendNumber(1 + random.below(9));
        out.append(END);
        out.endField();
        out.bool(random.percent(70));
        out.timestamp(anchor - MINUTE - random.below(30 * DAY));
        out.endRow();
    }
}
