package dev.trialbench.loadtest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Everything one injector JVM needs to run a simulation, read once from {@code -D} system
 * properties (the Gatling demos' convention) with the defaults below, validated with a message
 * that names each wrong property, and passed down explicitly. The same names are written back by
 * {@link #toSystemProperties()} when the runner forks injectors. Immutable and thread-safe.
 *
 * <table>
 *   <caption>properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>trialbench.baseUrl</td><td>(none)</td><td>the service; absent: a local stack is started in-process</td></tr>
 *   <tr><td>trialbench.implementation</td><td>batched</td><td>naive or batched activation route</td></tr>
 *   <tr><td>trialbench.rate</td><td>20</td><td>arrivals/s of the single measured stage when no stages are given</td></tr>
 *   <tr><td>trialbench.stages</td><td>RATEx10</td><td>measured stairs, e.g. 10x5,20x5 (rate x seconds, total over injectors)</td></tr>
 *   <tr><td>trialbench.warmup</td><td>FIRSTRATEx15</td><td>warm-up stage, never counted in measured numbers</td></tr>
 *   <tr><td>trialbench.seed / scale / anchor</td><td>42 / 0.01 / now</td><td>the seed plan of the database</td></tr>
 *   <tr><td>trialbench.schema</td><td>after</td><td>before or after: the local stack's schema</td></tr>
 *   <tr><td>trialbench.injector / injectors</td><td>0 / 1</td><td>this injector's index and the number of injectors</td></tr>
 *   <tr><td>trialbench.doubleSubmitShare</td><td>0.05</td><td>share of arrivals that re-send the previous body</td></tr>
 *   <tr><td>trialbench.out</td><td>target/loadtest</td><td>folder of the .hlog and .csv files</td></tr>
 *   <tr><td>trialbench.label</td><td>the scenario</td><td>file name prefix</td></tr>
 *   <tr><td>trialbench.kpi.p95Ms / kpi.failedPct</td><td>50 / 1</td><td>the budget the assertions check</td></tr>
 * </table>
 *
 * @param label             file name prefix of this run's outputs (letters, digits, '-', '_', '.')
 * @param baseUrl           the service under load, or null to start a local stack
 * @param implementation    "naive" or "batched"
 * @param warmup            the warm-up stage (total over all injectors)
 * @param stages            the measured stages (totals over all injectors)
 * @param seed              seed of the data set
 * @param scale             scale of the data set
 * @param anchor            anchor of the data set
 * @param schemaAfter       the local stack's schema: after (true) or before
 * @param injector          this injector's index in [0, injectors)
 * @param injectors         number of injectors sharing the load
 * @param doubleSubmitShare share in [0, 1) of activation arrivals that re-send the previous body
 * @param out               output folder
 * @param kpi               the budget
 */
public record LoadSettings(String label, URI baseUrl, String implementation, Stage warmup, List<Stage> stages,
                           long seed, double scale, Instant anchor, boolean schemaAfter, int injector, int injectors,
                           double doubleSubmitShare, Path out, Kpi kpi) {

    public static final String PREFIX = "trialbench.";

    public LoadSettings {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(warmup, "warmup");
        stages = List.copyOf(stages);
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(kpi, "kpi");
        List<String> problems = new ArrayList<>();
        if (!label.matches("[A-Za-z0-9._-]+")) {
            problems.add(PREFIX + "label must be letters, digits, '.', '-' or '_', was '" + label + "'");
        }
        if (!implementation.equals("naive") && !implementation.equals("batched")) {
            problems.add(PREFIX + "implementation must be naive or batched, was '" + implementation + "'");
        }
        if (stages.isEmpty()) {
            problems.add(PREFIX + "stages must hold at least one stage");
        }
        if (injectors < 1 || injector < 0 || injector >= injectors) {
            problems.add(PREFIX + "injector must be within 0.." + (injectors - 1) + " and " + PREFIX
                    + "injectors at least 1, were " + injector + " and " + injectors);
        } else {
            checkWholeRatePerInjector(PREFIX + "warmup", warmup, injectors, problems);
            for (Stage stage : stages) {
                checkWholeRatePerInjector(PREFIX + "stages", stage, injectors, problems);
            }
        }
        if (!(doubleSubmitShare >= 0) || doubleSubmitShare >= 1) {
            problems.add(PREFIX + "doubleSubmitShare must be within [0, 1), was " + doubleSubmitShare);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid load settings: " + String.join("; ", problems));
        }
    }

    /**
     * Gatling spreads the users of each second over that second; when the rate per injector is a
     * whole number, its schedule is exactly one arrival every 1/rate (to the millisecond), which is
     * what the intended start times assume.
     */
    private static void checkWholeRatePerInjector(String property, Stage stage, int injectors, List<String> problems) {
        double perInjector = stage.ratePerSecond() / injectors;
        if (Math.abs(perInjector - Math.rint(perInjector)) > 1e-9) {
            problems.add(property + ": the rate per injector must be a whole number of arrivals per second (stage " + stage
                    + " over " + injectors + " injector(s) gives " + perInjector + "/s); use a multiple of " + injectors);
        }
    }

    /** The settings in {@code System.getProperties()}, with {@code scenario}'s label as the default label. */
    public static LoadSettings fromSystemProperties(Scenario scenario) {
        return fromProperties(System.getProperties(), scenario);
    }

    /** Reads and validates; a bad value fails with a message that names its property and what it should be. */
    public static LoadSettings fromProperties(Properties properties, Scenario scenario) {
        Reader reader = new Reader(properties);
        String label = reader.text("label", scenario.label());
        URI baseUrl = reader.optional("baseUrl", "an absolute http URL such as http://127.0.0.1:8080", text -> {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http URL");
            }
            return uri;
        });
        String implementation = reader.text("implementation", "batched").toLowerCase(Locale.ROOT);
        Double rate = reader.value("rate", "20", "a number of arrivals per second such as 20", Double::parseDouble);
        List<Stage> stages = reader.value("stages", rate == null ? "20x10" : Stage.format(rate) + "x10",
                "stairs RATExSECONDS separated by commas, e.g. 10x5,20x5", Stage::parseList);
        String firstRate = stages == null ? "20" : Stage.format(stages.get(0).ratePerSecond());
        Stage warmup = reader.value("warmup", firstRate + "x15", "RATExSECONDS, e.g. 20x15", Stage::parse);
        Long seed = reader.value("seed", "42", "an integer such as 42", Long::parseLong);
        Double scale = reader.value("scale", "0.01", "a number in (0, 100] such as 0.01", Double::parseDouble);
        Instant anchor = reader.value("anchor", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "an ISO instant such as 2026-01-01T00:00:00Z", Instant::parse);
        Boolean after = reader.value("schema", "after", "before or after", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "after" -> true;
            case "before" -> false;
            default -> throw new IllegalArgumentException("neither before nor after");
        });
        Integer injector = reader.value("injector", "0", "an index from 0", Integer::parseInt);
        Integer injectors = reader.value("injectors", "1", "a count from 1", Integer::parseInt);
        Double share = reader.value("doubleSubmitShare", "0.05", "a share in [0, 1) such as 0.05", Double::parseDouble);
        Path out = reader.value("out", "target/loadtest", "a folder", Path::of);
        Double p95 = reader.value("kpi.p95Ms", "50", "milliseconds greater than 0 such as 50", Double::parseDouble);
        Double failed = reader.value("kpi.failedPct", "1", "a percentage such as 1", Double::parseDouble);
        reader.failIfProblems();
        Kpi kpi;
        try {
            kpi = new Kpi(p95, failed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid load settings: " + PREFIX + "kpi.p95Ms / " + PREFIX + "kpi.failedPct: "
                    + e.getMessage(), e);
        }
        return new LoadSettings(label, baseUrl, implementation, warmup, stages, seed, scale, anchor, after,
                injector, injectors, share, out, kpi);
    }

    /** This injector's warm-up stage: rate / injectors. */
    public Stage injectorWarmup() {
        return warmup.perInjector(injectors);
    }

    /** This injector's measured stages: each at rate / injectors. */
    public List<Stage> injectorStages() {
        return stages.stream().map(stage -> stage.perInjector(injectors)).toList();
    }

    /** The same settings for another injector (the runner forks one JVM per injector). */
    public LoadSettings forInjector(int index) {
        return new LoadSettings(label, baseUrl, implementation, warmup, stages, seed, scale, anchor, schemaAfter,
                index, injectors, doubleSubmitShare, out, kpi);
    }

    /** {@code -Dname=value} pairs that {@link #fromProperties} reads back into equal settings. */
    public Map<String, String> toSystemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PREFIX + "label", label);
        if (baseUrl != null) {
            properties.put(PREFIX + "baseUrl", baseUrl.toString());
        }
        properties.put(PREFIX + "implementation", implementation);
        properties.put(PREFIX + "stages", String.join(",", stages.stream().map(Stage::toString).toList()));
        properties.put(PREFIX + "warmup", warmup.toString());
        properties.put(PREFIX + "seed", Long.toString(seed));
        properties.put(PREFIX + "scale", Double.toString(scale));
        properties.put(PREFIX + "anchor", anchor.toString());
        properties.put(PREFIX + "schema", schemaAfter ? "after" : "before");
        properties.put(PREFIX + "injector", Integer.toString(injector));
        properties.put(PREFIX + "injectors", Integer.toString(injectors));
        properties.put(PREFIX + "doubleSubmitShare", Double.toString(doubleSubmitShare));
        properties.put(PREFIX + "out", out.toString());
        properties.put(PREFIX + "kpi.p95Ms", Double.toString(kpi.p95Millis()));
        properties.put(PREFIX + "kpi.failedPct", Double.toString(kpi.failedPercent()));
        return properties;
    }

    /** Reads properties and collects every problem, so one run reports them all. Not thread-safe. */
    private static final class Reader {
        private final Properties properties;
        private final List<String> problems = new ArrayList<>();

        Reader(Properties properties) {
            this.properties = properties;
        }

        String text(String name, String defaultValue) {
            String value = properties.getProperty(PREFIX + name);
            return value == null || value.isBlank() ? defaultValue : value.strip();
        }

        <T> T value(String name, String defaultValue, String expected, Function<String, T> parser) {
            return parse(name, text(name, defaultValue), expected, parser);
        }

        <T> T optional(String name, String expected, Function<String, T> parser) {
            String text = text(name, null);
            return text == null ? null : parse(name, text, expected, parser);
        }

        private <T> T parse(String name, String text, String expected, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                String detail = e.getMessage() == null || e instanceof DateTimeParseException ? "" : " (" + e.getMessage() + ")";
                problems.add(PREFIX + name + " must be " + expected + ", was '" + text + "'" + detail);
                return null;
            }
        }

        void failIfProblems() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid load settings: " + String.join("; ", problems));
            }
        }
    }
}
