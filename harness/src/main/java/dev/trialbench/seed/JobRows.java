package dev.trialbench.seed;

/**
 * ascora_jobs: each job is for an existing customer and carries that customer's organization (so
 * about 20% have none). Not thread-safe.
 */
final class JobRows implements TableRows {

    private final CustomerRows customers;
    private final long idStream;
    private final long customerIdStream;
    private final long rowStream;
    private final long customerCount;
    private final long anchor;
    private final RowRandom random = new RowRandom();

    JobRows(SeedPlan plan) {
        this.customers = new CustomerRows(plan);
        this.idStream = plan.idStream(SeedTable.ASCORA_JOBS);
        this.customerIdStream = plan.idStream(SeedTable.ASCORA_CUSTOMERS);
        this.rowStream = plan.rowStream(SeedTable.ASCORA_JOBS);
        this.customerCount = plan.rowCount(SeedTable.ASCORA_CUSTOMERS);
        this.anchor = plan.anchorMillis();
    }

    @Override
    public SeedTable table() {
        return SeedTable.ASCORA_JOBS;
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        long customer = random.below(customerCount);
        out.uuid(Mix.uuid(idStream, index));
        customers.writeOrganization(customer, out);
        out.uuid(Mix.uuid(customerIdStream, customer));
        int status = random.below(100);
        out.text(FakeText.JOB_STATUSES[status < 15 ? 0 : status < 30 ? 1 : status < 70 ? 2 : status < 95 ? 3 : 4]);
        out.timestamp(anchor - MINUTE - random.below(730 * DAY));
        out.endRow();
    }
}
