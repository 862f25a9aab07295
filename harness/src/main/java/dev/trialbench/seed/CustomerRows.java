package dev.trialbench.seed;

/**
 * ascora_customers of the Ascora integration: about 20% without an organization, the others spread
 * over {@code 200 × scale} organizations; {@code customer<i>@example.test} emails. Not thread-safe.
 */
final class CustomerRows implements TableRows {

    private final long idStream;
    private final long rowStream;
    private final long organizationIdStream;
    private final long organizationStream;
    private final int organizations;
    private final long anchor;
    private final RowRandom random = new RowRandom();

    CustomerRows(SeedPlan plan) {
        this.idStream = plan.idStream(SeedTable.ASCORA_CUSTOMERS);
        this.rowStream = plan.rowStream(SeedTable.ASCORA_CUSTOMERS);
        this.organizationIdStream = plan.stream(SeedPlan.PURPOSE_ORGANIZATIONS);
        this.organizationStream = plan.stream(SeedPlan.PURPOSE_CUSTOMER_ORGANIZATIONS);
        this.organizations = plan.organizationCount();
        this.anchor = plan.anchorMillis();
    }

    @Override
    public SeedTable table() {
        return SeedTable.ASCORA_CUSTOMERS;
    }

    /** The organization of customer {@code index}, or -1 for none (about 20%). */
    long organization(long index) {
        long bits = Mix.at(organizationStream, index);
        return Mix.below(bits, 100) < 20 ? -1 : Mix.below(Mix.mix64(bits), organizations);
    }

    /** Writes the organization id field of customer {@code index} (or NULL). */
    void writeOrganization(long index, CopyBuffer out) {
        long organization = organization(index);
        if (organization < 0) {
            out.nullValue();
        } else {
            out.uuid(Mix.uuid(organizationIdStream, organization));
        }
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        out.uuid(Mix.uuid(idStream, index));
        writeOrganization(index, out);
        FakeText.emailAndName(out, FakeText.CUSTOMER_EMAIL_PREFIX, index, random);
        out.timestamp(anchor - MINUTE - random.below(730 * DAY));
        out.endRow();
    }
}
