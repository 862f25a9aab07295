package dev.trialbench.seed;

/**
 * What the tables whose rows belong to users draw from: the table's own id and row streams, the
 * users' id stream (an owner is drawn as a user index, then mapped to that user's id), the plan's
 * anchor instant and how many users are active. Subclasses write the columns. Not thread-safe
 * (per-row scratch state, as every {@link TableRows}).
 */
abstract class UserOwnedRows implements TableRows {

    protected final SeedPlan plan;
    protected final long idStream;
    protected final long userIdStream;
    protected final long rowStream;
    protected final long anchor;
    protected final long activeUsers;
    protected final RowRandom random = new RowRandom();
    private final SeedTable table;

    UserOwnedRows(SeedPlan plan, SeedTable table) {
        this.plan = plan;
        this.table = table;
        this.idStream = plan.idStream(table);
        this.userIdStream = plan.idStream(SeedTable.USERS);
        this.rowStream = plan.rowStream(table);
        this.anchor = plan.anchorMillis();
        this.activeUsers = plan.activeUserCount();
    }

    @Override
    public final SeedTable table() {
        return table;
    }
}
