package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.bench.jmh.DelayedTrips;
import dev.trialbench.bench.jmh.JmhRunner;
import dev.trialbench.db.RoundTripDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The round-trip sweep of a run: the fraud check and the activation measured again with a latency
 * added to every database round trip ({@code jmh-before-rtt.json}, {@code jmh-after-rtt.json}, JMH
 * parameter {@code rtt}), plus the same cells at 0 from the main JMH files. Optional: a run without a
 * sweep has none, and the report says so. Beside each requested delay, the delay achieved: the trips
 * delayed and the time they waited, summed over the sweep's cells from their secondary metrics
 * ({@link DelayedTrips}); files written before those metrics existed have none, and then
 * {@code achieved} has no entry for that delay. Immutable.
 *
 * @param achieved by requested delay in ms: the trips delayed and the time waited
 */
public record RttSweep(List<Point> points, Map<Double, RoundTripDelay.Achieved> achieved) {

    public static final String BEFORE_FILE = "jmh-before-rtt.json";
    public static final String AFTER_FILE = "jmh-after-rtt.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One cell at one round-trip time; times in ms. */
    public record Point(String benchmark, String method, String schema, double rttMillis, double p50, double p95, double mean) {
    }

    public RttSweep {
        points = points.stream()
                .sorted(Comparator.comparing(Point::schema).thenComparing(Point::benchmark).thenComparing(Point::method)
                        .thenComparingDouble(Point::rttMillis))
                .toList();
        achieved = Collections.unmodifiableMap(new TreeMap<>(achieved));
    }

    /** A sweep whose files did not record the delay achieved. */
    RttSweep(List<Point> points) {
        this(points, Map.of());
    }

    public static RttSweep read(RunFolder run) {
        List<Point> points = new ArrayList<>();
        for (CellResult cell : run.cells()) {
            if (cell.benchmark().equals(CellKey.FRAUD_CHECK) || cell.benchmark().equals(CellKey.ACTIVATION)) {
                points.add(new Point(cell.benchmark(), cell.method(), cell.schema(), 0, cell.p50Millis(), cell.p95Millis(),
                        cell.meanMillis()));
            }
        }
        int swept = 0;
        Map<Double, RoundTripDelay.Achieved> achieved = new TreeMap<>();
        for (String file : List.of(BEFORE_FILE, AFTER_FILE)) {
            Path path = run.folder().resolve(file);
            if (Files.isRegularFile(path)) {
                List<Point> read = readFile(path, file, achieved);
                swept += read.size();
                points.addAll(read);
            }
        }
        return swept == 0 ? new RttSweep(List.of()) : new RttSweep(points, achieved);
    }

    /** The points of one file; adds the delay its cells achieved, where recorded, to {@code achieved}. */
    private static List<Point> readFile(Path path, String file, Map<Double, RoundTripDelay.Achieved> achieved) {
        List<Point> points = new ArrayList<>();
        try {
            for (JsonNode entry : MAPPER.readTree(Files.readString(path))) {
                String[] name = entry.path("benchmark").asText().split("\\.");
                String benchmark = name[name.length - 2];
                String method = name[name.length - 1];
                JsonNode params = entry.path("params");
                double rtt = RoundTripDelay.parse(params.path("rtt").asText("0")).toNanos() / 1e6;
                JsonNode metric = entry.path("primaryMetric");
                double toMillis = unitToMillis(metric.path("scoreUnit").asText());
                JsonNode percentiles = metric.path("scorePercentiles");
                points.add(new Point(benchmark, method, params.path("schema").asText(), rtt,
                        percentiles.path("50.0").asDouble() * toMillis, percentiles.path("95.0").asDouble() * toMillis,
                        metric.path("score").asDouble() * toMillis));
                JsonNode secondary = entry.path("secondaryMetrics");
                JsonNode trips = secondary.path(JmhRunner.DELAYED_TRIPS).path("score");
                JsonNode waited = secondary.path(JmhRunner.WAITED_NANOS).path("score");
                if (trips.isNumber() && waited.isNumber() && trips.asDouble() > 0) {
                    RoundTripDelay.Achieved cell = new RoundTripDelay.Achieved(Math.round(trips.asDouble()),
                            Math.round(waited.asDouble()));
                    achieved.merge(rtt, cell, (sum, more) -> new RoundTripDelay.Achieved(sum.trips() + more.trips(),
                            sum.waitedNanos() + more.waitedNanos()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RunFolderException(file, file + " is malformed: " + e.getMessage() + ". Re-run the pipeline with --rtt.", e);
        }
        return points;
    }

    private static double unitToMillis(String unit) {
        return switch (unit) {
            case "us/op" -> 1e-3;
            case "ms/op" -> 1;
            case "ns/op" -> 1e-6;
            case "s/op" -> 1e3;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
        };
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The round-trip times measured, ascending. */
    public List<Double> rtts() {
        return points.stream().map(Point::rttMillis).distinct().sorted().toList();
    }

    public Optional<Point> point(String benchmark, String method, String schema, double rtt) {
        return points.stream().filter(point -> point.benchmark().equals(benchmark) && point.method().equals(method)
                && point.schema().equals(schema) && point.rttMillis() == rtt).findFirst();
    }

    /** numerator mean / denominator mean at one round-trip time, if both were measured. */
    public OptionalDouble ratio(String benchmark, String numeratorMethod, String numeratorSchema, String denominatorMethod,
                         String denominatorSchema, double rtt) {
        Optional<Point> numerator = point(benchmark, numeratorMethod, numeratorSchema, rtt);
        Optional<Point> denominator = point(benchmark, denominatorMethod, denominatorSchema, rtt);
        if (numerator.isEmpty() || denominator.isEmpty() || denominator.get().mean() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(numerator.get().mean() / denominator.get().mean());
    }

    /**
     * The smallest round-trip time at which the ratio reaches {@code threshold}, linearly interpolated
     * between the two measured times around the crossing; empty if it never does in the measured range.
     */
    public OptionalDouble firstReaching(double threshold, String benchmark, String numeratorMethod, String numeratorSchema,
                                 String denominatorMethod, String denominatorSchema) {
        double previousRtt = Double.NaN;
        double previousRatio = Double.NaN;
        for (double rtt : rtts()) {
            OptionalDouble ratio = ratio(benchmark, numeratorMethod, numeratorSchema, denominatorMethod, denominatorSchema, rtt);
            if (ratio.isEmpty()) {
                continue;
            }
            double value = ratio.getAsDouble();
            if (value >= threshold) {
                if (Double.isNaN(previousRtt)) {
                    return OptionalDouble.of(rtt);
                }
                return OptionalDouble.of(previousRtt + (threshold - previousRatio) * (rtt - previousRtt) / (value - previousRatio));
            }
            previousRtt = rtt;
            previousRatio = value;
        }
        return OptionalDouble.empty();
    }

    /** The largest measured round-trip time at which the ratio is still at least {@code threshold}. */
    public OptionalDouble lastHolding(double threshold, String benchmark, String numeratorMethod, String numeratorSchema,
                               String denominatorMethod, String denominatorSchema) {
        OptionalDouble last = OptionalDouble.empty();
        for (double rtt : rtts()) {
            OptionalDouble ratio = ratio(benchmark, numeratorMethod, numeratorSchema, denominatorMethod, denominatorSchema, rtt);
            if (ratio.isPresent() && ratio.getAsDouble() >= threshold) {
                last = OptionalDouble.of(rtt);
            }
        }
        return last;
    }
}
