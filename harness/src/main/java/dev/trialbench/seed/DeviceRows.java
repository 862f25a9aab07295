package dev.trialbench.seed;

import static dev.trialbench.seed.CopyBuffer.ascii;

/**
 * device_fingerprints: unique 64-hex-digit hashes ({@link SeedPlan#existingFingerprint(long)}),
 * about 10% without a user, the others on an active user; trial_count mostly 0 or 1, up to 3;
 * about 1% blocked, with a reason. Not thread-safe.
 */
final class DeviceRows extends UserOwnedRows {

    private static final byte[] OS = ascii("{\"os\": \"");
    private static final byte[] BROWSER = ascii("\", \"browser\": \"");
    private static final byte[] SCREEN = ascii("\", \"screen\": \"");
    private static final byte[] TIMEZONE = ascii("\", \"timezone\": \"");
    private static final byte[] END = ascii("\"}");

    DeviceRows(SeedPlan plan) {
        super(plan, SeedTable.DEVICE_FINGERPRINTS);
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        out.uuid(Mix.uuid(idStream, index));
        if (random.percent(90)) {
            out.uuid(Mix.uuid(userIdStream, random.below(activeUsers)));
        } else {
            out.nullValue();
        }
        writeFingerprint(plan, index, out);
        out.json();
        out.append(OS);
        out.append(random.pick(FakeText.DEVICE_OS));
        out.append(BROWSER);
        out.append(random.pick(FakeText.DEVICE_BROWSERS));
        out.append(SCREEN);
        out.append(random.pick(FakeText.DEVICE_SCREENS));
        out.append(TIMEZONE);
        out.append(random.pick(FakeText.DEVICE_TIMEZONES));
        out.append(END);
        out.endField();
        int trials = random.below(100);
        out.number(trials < 55 ? 0 : trials < 85 ? 1 : trials < 95 ? 2 : 3);
        long firstSeen = anchor - MINUTE - random.below(700 * DAY);
        out.timestamp(firstSeen);
        out.timestamp(firstSeen + random.below(anchor - firstSeen));
        boolean blocked = random.perMille(10);
        out.bool(blocked);
        if (blocked) {
            out.text(random.pick(FakeText.BLOCK_REASONS));
        } else {
            out.nullValue();
        }
        out.endRow();
    }

    /** The hash of device {@code index} as one field (the same text as existingFingerprint). */
    static void writeFingerprint(SeedPlan plan, long index, CopyBuffer out) {
        for (int word = 0; word < 4; word++) {
            out.appendHex(plan.fingerprintWord(index, word), 16);
        }
        out.endField();
    }
}
