package dev.trialbench.seed;

/**
 * free_trial_tokens: token {@code t} belongs to active user {@code t mod activeUsers}, so at scale 1
 * a fifth of the active users had two trials. Only a user's newest token may be active (about a
 * third of them are: activated in the last 13 days, expiring 14 days after activation, so after the
 * anchor); every other token is expired. At most one active, unexpired token per user follows by
 * construction. Not thread-safe: {@link #draw(long)} fills scratch fields that
 * {@link UsageRows} reads too.
 */
final class TokenRows extends UserOwnedRows {

    private static final long TRIAL_LENGTH = 14 * DAY;

    // Scratch of the last drawn token.
    private boolean active;
    private long createdAt;
    private long activatedAt;
    private long expiresAt;

    TokenRows(SeedPlan plan) {
        super(plan, SeedTable.FREE_TRIAL_TOKENS);
    }

    /** Draws the timing of token {@code index}; the row's other values are drawn after it. */
    void draw(long index) {
        random.reset(rowStream, index);
        active = plan.isNewestToken(index) && random.percent(35);
        if (active) {
            activatedAt = anchor - MINUTE - random.below(13 * DAY);
            createdAt = activatedAt - random.below(HOUR);
            expiresAt = activatedAt + TRIAL_LENGTH;
        } else {
            createdAt = anchor - 15 * DAY - random.below(680 * DAY);
            activatedAt = random.percent(95) ? createdAt + random.below(HOUR) : -1;
            expiresAt = createdAt + TRIAL_LENGTH;
        }
    }

    /** When the last drawn token started to count: its activation, or its creation if never activated. */
    long startedAt() {
        return activatedAt >= 0 ? activatedAt : createdAt;
    }

    long expiresAt() {
        return expiresAt;
    }

    @Override
    public void write(long index, CopyBuffer out) {
        draw(index);
        out.uuid(Mix.uuid(idStream, index));
        out.uuid(Mix.uuid(userIdStream, plan.tokenUserIndex(index)));
        out.text(FakeText.TOKEN_STATUSES[active ? 0 : 1]);
        if (activatedAt >= 0) {
            out.timestamp(activatedAt);
        } else {
            out.nullValue();
        }
        out.timestamp(expiresAt);
        out.number(active ? random.below(11) : random.below(4));
        out.timestamp(createdAt);
        out.timestamp(active ? activatedAt + random.below(anchor - activatedAt) : expiresAt);
        out.endRow();
    }
}
