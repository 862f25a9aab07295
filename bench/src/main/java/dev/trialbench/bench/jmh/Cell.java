package dev.trialbench.bench.jmh;

import dev.trialbench.activation.TrialActivation;
import dev.trialbench.listing.ReportListing;

/**
 * The benchmark cells of one schema state: each is one {@code @Benchmark} method (class simple
 * name and method name, exactly as JMH reports them) and the {@link Workload} operation it times.
 * {@link CellEvidenceCollector} counts statements per cell through this table, so the names in the
 * evidence and in the JMH results are the same; a test checks both against JMH's benchmark list.
 */
public enum Cell {

    ROUND_TRIP_SELECT_ONE(RoundTripBenchmark.class, "selectOne", false) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.selectOne();
        }
    },
    FRAUD_CHECK_NAIVE(FraudCheckBenchmark.class, "naive", false) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.fraudCheck(naive);
        }
    },
    FRAUD_CHECK_BATCHED(FraudCheckBenchmark.class, "batched", false) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.fraudCheck(batched);
        }
    },
    ACTIVATION_NAIVE(ActivationBenchmark.class, "naive", true) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.activate(naive);
        }
    },
    ACTIVATION_BATCHED(ActivationBenchmark.class, "batched", true) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.activate(batched);
        }
    },
    LISTING_PAGE(ListingBenchmark.class, "page50", false) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.listing(ReportListing.PAGE);
        }
    },
    LISTING_LARGE(ListingBenchmark.class, "records1000", false) {
        @Override
        Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched) {
            return workload.listing(ReportListing.LARGE);
        }
    };

    private final Class<? extends WorkloadBenchmark> benchmarkClass;
    private final String method;
    private final boolean writes;

    Cell(Class<? extends WorkloadBenchmark> benchmarkClass, String method, boolean writes) {
        this.benchmarkClass = benchmarkClass;
        this.method = method;
        this.writes = writes;
    }

    /** One operation of the cell: what the benchmark method does, called the same way. */
    abstract Object runOnce(Workload workload, TrialActivation naive, TrialActivation batched);

    public Class<? extends WorkloadBenchmark> benchmarkClass() {
        return benchmarkClass;
    }

    /** The JMH class simple name, e.g. {@code ActivationBenchmark}. */
    public String benchmark() {
        return benchmarkClass.getSimpleName();
    }

    /** The JMH method name, e.g. {@code naive}. */
    public String method() {
        return method;
    }

    /** Whether an operation writes (and so the reserved pool must be reset around it). */
    public boolean writes() {
        return writes;
    }
}
