package dev.trialbench.bench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's cells in Bencher Metric Format (BMF) JSON, which {@code bencher run --adapter json} reads:
 * <pre>{ "FraudCheckBenchmark.naive@before": { "latency": { "value": ..., "lower_value": ..., "upper_value": ... },
 *                                          "round-trips": { "value": 6.0 } }, ... }</pre>
 * {@code latency} is Bencher's built-in Latency measure, whose unit is the nanosecond: the value is
 * the JMH median (p50) in nanoseconds, lower and upper the smallest and largest per-fork median (equal
 * to the value with one fork). {@code round-trips} (round trips per operation, from evidence.json) is
 * a custom measure; Bencher creates it on first use. The raw JMH JSON files of the run folder are the
 * other export: they are JMH's own format, read as they are by JMH tooling. Stateless.
 */
public final class BencherMetricFormat {

    public static final String LATENCY = "latency";
    public static final String ROUND_TRIPS = "round-trips";
    private static final double NANOS_PER_MILLI = 1e6;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private BencherMetricFormat() {
    }

    /** Benchmark name, then measure, then {@code value}, {@code lower_value}, {@code upper_value}. */
    public static Map<String, Map<String, Map<String, Double>>> of(RunFolder run) {
        Map<String, Map<String, Map<String, Double>>> benchmarks = new TreeMap<>();
        for (CellResult cell : run.cells()) {
            Map<String, Map<String, Double>> measures = new TreeMap<>();
            double lower = cell.forkResults().stream().mapToDouble(CellResult.ForkResult::p50Millis).min()
                    .orElse(cell.p50Millis());
            double upper = cell.forkResults().stream().mapToDouble(CellResult.ForkResult::p50Millis).max()
                    .orElse(cell.p50Millis());
            measures.put(LATENCY, Map.of("value", nanos(cell.p50Millis()), "lower_value", nanos(lower),
                    "upper_value", nanos(upper)));
            BaselineBuilder.evidenceCell(run, cell.key()).ifPresent(counts ->
                    measures.put(ROUND_TRIPS, Map.of("value", counts.roundTripsPerOp())));
            benchmarks.put(cell.key().operation() + "@" + cell.schema(), measures);
        }
        return benchmarks;
    }

    public static String json(RunFolder run) {
        try {
            return MAPPER.writeValueAsString(of(run)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of numbers always serialize", e);
        }
    }

    /** Milliseconds to nanoseconds, rounded to a thousandth of a nanosecond to drop floating-point noise. */
    private static double nanos(double millis) {
        return Math.round(millis * NANOS_PER_MILLI * 1000) / 1000.0;
    }
}
