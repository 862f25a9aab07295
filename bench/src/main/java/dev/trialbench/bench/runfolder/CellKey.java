package dev.trialbench.bench.runfolder;

import java.util.List;

/**
 * One cell of the measurement: a JMH benchmark method at one schema state. {@link #EXPECTED} is every
 * cell a complete run measures, in the order the report shows them. Immutable.
 *
 * @param benchmark the JMH class's simple name, e.g. {@code ActivationBenchmark}
 * @param method    the JMH method, e.g. {@code naive}
 * @param schema    {@code before} or {@code after}
 */
public record CellKey(String benchmark, String method, String schema) implements Comparable<CellKey> {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final List<String> SCHEMAS = List.of(BEFORE, AFTER);

    public static final String ROUND_TRIP = "RoundTripBenchmark";
    public static final String FRAUD_CHECK = "FraudCheckBenchmark";
    public static final String ACTIVATION = "ActivationBenchmark";
    public static final String LISTING = "ListingBenchmark";

    public static final String SELECT_ONE = "selectOne";
    public static final String NAIVE = "naive";
    public static final String BATCHED = "batched";
    public static final String PAGE_50 = "page50";
    public static final String RECORDS_1000 = "records1000";

    /** The operations (benchmark, method) in report order; each is measured at both schema states. */
    public static final List<List<String>> OPERATIONS = List.of(
            List.of(ROUND_TRIP, SELECT_ONE),
            List.of(FRAUD_CHECK, NAIVE), List.of(FRAUD_CHECK, BATCHED),
            List.of(ACTIVATION, NAIVE), List.of(ACTIVATION, BATCHED),
            List.of(LISTING, PAGE_50), List.of(LISTING, RECORDS_1000));

    public static final List<CellKey> EXPECTED = OPERATIONS.stream()
            .flatMap(operation -> SCHEMAS.stream().map(schema -> new CellKey(operation.get(0), operation.get(1), schema)))
            .toList();

    public static CellKey of(String benchmark, String method, String schema) {
        return new CellKey(benchmark, method, schema);
    }

    /** The {@code SELECT 1} floor of the same schema state. */
    public CellKey floor() {
        return new CellKey(ROUND_TRIP, SELECT_ONE, schema);
    }

    public CellKey at(String otherSchema) {
        return new CellKey(benchmark, method, otherSchema);
    }

    public CellKey with(String otherMethod) {
        return new CellKey(benchmark, otherMethod, schema);
    }

    /** {@code ActivationBenchmark.naive} */
    public String operation() {
        return benchmark + "." + method;
    }

    /** {@code ActivationBenchmark.naive @ before} */
    public String label() {
        return operation() + " @ " + schema;
    }

    /** Report order: expected cells first in their order, then any other cell by name. */
    @Override
    public int compareTo(CellKey other) {
        int mine = rank();
        int theirs = other.rank();
        if (mine != theirs) {
            return Integer.compare(mine, theirs);
        }
        return label().compareTo(other.label());
    }

    private int rank() {
        int index = EXPECTED.indexOf(this);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
