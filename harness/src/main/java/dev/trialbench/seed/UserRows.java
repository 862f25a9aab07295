package dev.trialbench.seed;

import static dev.trialbench.seed.FakeText.BCRYPT_ALPHABET;
import static dev.trialbench.seed.FakeText.BCRYPT_PREFIX;

/**
 * users: fake names and {@code user<i>@example.test} emails; about 60% have a (fake, bcrypt-shaped)
 * password hash and 40% a Google id. Reserved users never logged in. Not thread-safe.
 */
final class UserRows implements TableRows {

    private static final int BCRYPT_BODY_LENGTH = 53;

    private final SeedPlan plan;
    private final long idStream;
    private final long rowStream;
    private final long anchor;
    private final RowRandom random = new RowRandom();

    UserRows(SeedPlan plan) {
        this.plan = plan;
        this.idStream = plan.idStream(SeedTable.USERS);
        this.rowStream = plan.rowStream(SeedTable.USERS);
        this.anchor = plan.anchorMillis();
    }

    @Override
    public SeedTable table() {
        return SeedTable.USERS;
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        out.uuid(Mix.uuid(idStream, index));
        FakeText.emailAndName(out, FakeText.USER_EMAIL_PREFIX, index, random);
        if (random.percent(60)) {
            out.append(BCRYPT_PREFIX);
            long bits = 0;
            for (int i = 0; i < BCRYPT_BODY_LENGTH; i++) {
                if (i % 10 == 0) {
                    bits = random.next();
                }
                out.append((char) BCRYPT_ALPHABET[(int) (bits & 63)]);
                bits >>>= 6;
            }
            out.endField();
        } else {
            out.nullValue();
        }
        if (random.percent(40)) {
            out.append('1');
            out.appendDigits(random.below(1_000_000_000_000_000_000L), 18);
            out.appendDigits(random.below(100), 2);
            out.endField();
        } else {
            out.nullValue();
        }
        out.timestamp(anchor - 30 * DAY - random.below(700 * DAY));
        boolean reserved = index >= plan.activeUserCount();
        if (!reserved && random.percent(85)) {
            out.timestamp(anchor - MINUTE - random.below(30 * DAY));
        } else {
            out.nullValue();
        }
        out.endRow();
    }
}
