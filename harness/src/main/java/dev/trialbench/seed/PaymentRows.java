package dev.trialbench.seed;

/**
 * payment_verifications over the year before the anchor. Rows come in blocks of 50; the first 2..6
 * rows of a block share one card among as many different active users (the fraud check's card
 * reuse signal), the other rows each carry a card of their own. Not thread-safe.
 */
final class PaymentRows extends UserOwnedRows {

    static final int BLOCK_ROWS = 50;
    static final int MIN_SHARING_USERS = 2;
    static final int MAX_SHARING_USERS = 6;

    private final long sharedCardStream;
    private final long privateCardStream;
    private final long rows;

    PaymentRows(SeedPlan plan) {
        super(plan, SeedTable.PAYMENT_VERIFICATIONS);
        this.sharedCardStream = plan.stream(SeedPlan.PURPOSE_SHARED_CARDS);
        this.privateCardStream = plan.stream(SeedPlan.PURPOSE_PRIVATE_CARDS);
        this.rows = plan.rowCount(SeedTable.PAYMENT_VERIFICATIONS);
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        long block = index / BLOCK_ROWS;
        int position = (int) (index % BLOCK_ROWS);
        long group = Mix.at(sharedCardStream, block);
        int sharing = MIN_SHARING_USERS + (int) Mix.below(group, MAX_SHARING_USERS - MIN_SHARING_USERS + 1);
        boolean shared = position < sharing && sharing <= activeUsers && block * BLOCK_ROWS + sharing <= rows;
        long user;
        long card;
        if (shared) {
            long firstUser = Mix.below(Mix.mix64(group), activeUsers);
            user = (firstUser + position) % activeUsers;
            card = Mix.mix64(group ^ 0x243F6A8885A308D3L);
        } else {
            user = random.below(activeUsers);
            card = Mix.at(privateCardStream, index);
        }
        out.uuid(Mix.uuid(idStream, index));
        out.uuid(Mix.uuid(userIdStream, user));
        out.append(FakeText.CARD_PREFIX);
        out.appendHex(card, 16);
        out.endField();
        out.appendDigits(random.below(10_000), 4);
        out.endField();
        out.text(random.pick(FakeText.CARD_BRANDS));
        int status = random.below(100);
        out.text(FakeText.VERIFICATION_STATUSES[status < 90 ? 0 : status < 98 ? 1 : 2]);
        out.timestamp(anchor - MINUTE - random.below(365 * DAY));
        out.endRow();
    }
}
