package dev.trialbench.bench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the gate compares a run with, as {@code results/baseline.json}: the tier-1 expectations (counts
 * per operation of every cell; plan shape and shared buffers per call of every statement), the tier-2
 * ratios with the spread measured across the runs the baseline was made from and the tolerance derived
 * from it ({@link Tolerances}), the tier-3 budgets, and the runs themselves. Written by
 * {@link BaselineBuilder} ({@code trialbench baseline}) only; the gate reads it and never writes it.
 * JSON with sorted keys, so that a refreshed baseline diffs line by line. Immutable.
 */
public record Baseline(int format, Source source, List<String> toleranceRule, List<CellCounts> cells,
                       List<StatementShape> statements, List<RatioExpectation> ratios, List<Budget> budgets) {

    public static final int FORMAT = 1;
    public static final String DEFAULT_FILE = "results/baseline.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public Baseline {
        Objects.requireNonNull(source, "source");
        toleranceRule = copy(toleranceRule);
        cells = copy(cells);
        statements = copy(statements);
        ratios = copy(ratios);
        budgets = copy(budgets);
    }

    /**
     * What the baseline was made from; a run is comparable only at the same profile, scale and seed.
     *
     * @param note    what the spreads rest on, e.g. that a single run gives fork spreads only
     * @param command the command that made this file
     */
    public record Source(String profile, double scale, long seed, List<SourceRun> runs, String note, String command) {
        public Source {
            runs = copy(runs);
        }

        /** {@code quick profile, scale 0.1, seed 42}. */
        public String describe() {
            return profile + " profile, scale " + Numbers.plain(scale) + ", seed " + seed;
        }
    }

    /** One run the baseline was made from: its folder's name and what produced it. */
    public record SourceRun(String folder, String gitSha, String startedAt, String provider, int forks) {
    }

    /** Tier 1: statements and round trips of one operation of a cell. */
    public record CellCounts(String benchmark, String method, String schema, double statementsPerOp,
                             double roundTripsPerOp) {
        public CellKey key() {
            return CellKey.of(benchmark, method, schema);
        }
    }

    /**
     * Tier 1: one statement at one schema state.
     *
     * @param indexes              the indexes its plan uses, sorted
     * @param seqScans             the relations its plan scans sequentially, sorted
     * @param sharedBuffersPerCall shared buffers hit + read per call (median over the runs)
     * @param calls                the fewest calls any run recorded; 0 means no buffer figure to compare
     */
    /**
     * @param sharedBuffersPerCall the median over the baseline's runs
     * @param sharedBuffersRange   max - min over the baseline's runs: a statement that serves cells of
     *                             different sizes (NEWEST_REPORTS for a page of 50 and for 1000 records)
     *                             touches a mix that moves with the cells' speeds
     * @param serverMillisMax      the largest mean execution time per call (pg_stat_statements'
     *                             {@code mean_exec_time}, milliseconds) of any baseline run; 0 when no
     *                             run recorded a call
     */
    public record StatementShape(String schema, String name, List<String> indexes, List<String> seqScans,
                                 double sharedBuffersPerCall, double sharedBuffersRange, double serverMillisMax,
                                 long calls) {
        public StatementShape {
            indexes = copy(indexes);
            seqScans = copy(seqScans);
        }

        /** {@code NEWEST_REPORTS @ after} */
        public String label() {
            return name + " @ " + schema;
        }
    }

    /**
     * Tier 2: one ratio of two cells' medians.
     *
     * @param kind         {@code batching}, {@code migration}, {@code control} or {@code floor multiple}
     * @param value        the median of the runs' ratios
     * @param samples      every run's ratio, and each run's smallest and largest fork ratio when it had forks
     * @param spread       (max - min) / value over the samples; null when there was a single sample
     * @param spreadSource what the spread was measured over, e.g. {@code 3 runs x 1 fork}
     * @param tolerance    {@link Tolerances#ratio} of the spread
     * @param gated        false when 3 x the spread exceeds the cap: shown by the gate, never failed
     */
    public record RatioExpectation(String name, String kind, CellKey numerator, CellKey denominator,
                                   Direction direction, double value, List<Double> samples, Double spread,
                                   String spreadSource, double tolerance, boolean gated, String notGatedBecause) {
        public RatioExpectation {
            samples = copy(samples);
        }

        /** Why a ratio that commits is not gated ({@link Tolerances#COMMITS}); null for the others. */
        public static String reasonNotGated(CellKey numerator, CellKey denominator) {
            return commits(numerator) || commits(denominator) ? Tolerances.COMMITS : null;
        }

        private static boolean commits(CellKey cell) {
            return CellKey.ACTIVATION.equals(cell.benchmark());
        }

        public Band band() {
            return Band.relative(value, tolerance);
        }

        /** Where the tolerance came from, in words, e.g. {@code tolerance 75 % = 3 x spread 25 % over 3 runs x 1 fork}. */
        public String explain() {
            String toleranceText = "tolerance " + Numbers.percentTrimmed(tolerance());
            if (spread() == null) {
                return toleranceText + ", the floor: " + spreadSource();
            }
            String spreadText = "spread " + Numbers.percentTrimmed(spread()) + " over " + spreadSource();
            if (notGatedBecause() != null) {
                return "not gated: " + notGatedBecause() + " (" + spreadText + ")";
            }
            if (!gated()) {
                return "not gated: 3 x " + spreadText + " is above the 100 % cap";
            }
            if (Tolerances.SPREAD_MULTIPLIER * spread() < Tolerances.RATIO_FLOOR) {
                return toleranceText + ", the floor (3 x " + spreadText + " is less)";
            }
            return toleranceText + " = 3 x " + spreadText;
        }
    }

    /** {@code 3 runs (quick profile, scale 0.1, seed 42)}. */
    public String describe() {
        int runs = source.runs().size();
        return runs + " run" + (runs == 1 ? "" : "s") + " (" + source.describe() + ")";
    }

    /**
     * @throws BaselineException naming the file when it is missing, not JSON, or of another format
     */
    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BaselineException("baseline " + file + " does not exist. Make one from quick runs at the CI's"
                    + " scale: ./trialbench run --out scratch/baseline-runs (three times), then"
                    + " ./trialbench baseline scratch/baseline-runs/* --out " + file);
        }
        try {
            Baseline baseline = MAPPER.readValue(Files.readString(file), Baseline.class);
            if (baseline == null || baseline.format() != FORMAT) {
                throw new BaselineException("baseline " + file + " has format " + (baseline == null ? "null" : baseline.format())
                        + "; this trialbench reads format " + FORMAT + ". Make it again with ./trialbench baseline.");
            }
            return baseline;
        } catch (JsonMappingException e) {
            throw new BaselineException("baseline " + file + " is malformed: " + e.getOriginalMessage() + " at "
                    + e.getPathReference() + ". Make it again with ./trialbench baseline.", e);
        } catch (JsonProcessingException e) {
            throw new BaselineException("baseline " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BaselineException("baseline " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The file's text: pretty JSON, keys sorted at every level, a final newline. */
    public String toJson() {
        try {
            Map<?, ?> tree = MAPPER.convertValue(this, Map.class);
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a baseline always serializes", e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    private static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
