package dev.trialbench.seed;

/**
 * trial_usage: each row uses an existing token, on behalf of that token's user, within the token's
 * trial period (and never after the anchor); most rows name a report. Not thread-safe.
 */
final class UsageRows implements TableRows {

    private final SeedPlan plan;
    private final TokenRows tokens;
    private final long idStream;
    private final long tokenIdStream;
    private final long userIdStream;
    private final long reportIdStream;
    private final long rowStream;
    private final long anchor;
    private final long tokenCount;
    private final long reportCount;
    private final RowRandom random = new RowRandom();

    UsageRows(SeedPlan plan) {
        this.plan = plan;
        this.tokens = new TokenRows(plan);
        this.idStream = plan.idStream(SeedTable.TRIAL_USAGE);
        this.tokenIdStream = plan.idStream(SeedTable.FREE_TRIAL_TOKENS);
        this.userIdStream = plan.idStream(SeedTable.USERS);
        this.reportIdStream = plan.idStream(SeedTable.REPORTS);
        this.rowStream = plan.rowStream(SeedTable.TRIAL_USAGE);
        this.anchor = plan.anchorMillis();
        this.tokenCount = plan.rowCount(SeedTable.FREE_TRIAL_TOKENS);
        this.reportCount = plan.rowCount(SeedTable.REPORTS);
    }

    @Override
    public SeedTable table() {
        return SeedTable.TRIAL_USAGE;
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        long token = random.below(tokenCount);
        tokens.draw(token);
        out.uuid(Mix.uuid(idStream, index));
        out.uuid(Mix.uuid(tokenIdStream, token));
        out.uuid(Mix.uuid(userIdStream, plan.tokenUserIndex(token)));
        int action = random.below(100);
        out.text(FakeText.USAGE_ACTIONS[action < 60 ? 0 : action < 85 ? 1 : 2]);
        if (random.percent(90)) {
            out.uuid(Mix.uuid(reportIdStream, random.below(reportCount)));
        } else {
            out.nullValue();
        }
        long start = tokens.startedAt();
        long end = Math.min(anchor, tokens.expiresAt());
        out.timestamp(start + random.below(Math.max(1, end - start)));
        out.endRow();
    }
}
