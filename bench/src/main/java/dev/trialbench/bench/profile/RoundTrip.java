package dev.trialbench.bench.profile;

import dev.trialbench.db.RoundTripDelay;
import java.time.Duration;
import java.util.List;

/**
 * One round-trip time of the JMH sweep ({@code --rtt}), read once at the edge: as it was written,
 * which labels the JMH parameter {@code rtt} and the run's command line, and what it means. The
 * benchmark fork reads the label back ({@code WorkloadBenchmark}), the only way across the process
 * boundary. Immutable.
 */
public record RoundTrip(String label, Duration delay) {

    /** {@code 0}, {@code 1ms}, {@code 0.5ms}, {@code 250us}; the error names {@code --rtt}. */
    public static RoundTrip parse(String text) {
        return new RoundTrip(text, RoundTripDelay.parse(text));
    }

    /** The values of {@code --rtt}, in order; {@code none} stands for no sweep and is left out. */
    public static List<RoundTrip> parseAll(List<String> texts) {
        return texts.stream().filter(text -> !text.equalsIgnoreCase("none")).map(RoundTrip::parse).toList();
    }

    /** The labels, in order: the JMH parameter values and the command line's {@code --rtt}. */
    public static List<String> labels(List<RoundTrip> roundTrips) {
        return roundTrips.stream().map(RoundTrip::label).toList();
    }
}
