package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a JMH 1.37 JSON result file (an array of results, Mode SampleTime) into {@link CellResult}s.
 * Only the fields the report needs are read, and each is checked, so that a malformed file is named
 * with the entry and field at fault. Stateless.
 */
final class JmhResults {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Double> MILLIS_PER_UNIT = Map.of(
            "ns/op", 1e-6, "us/op", 1e-3, "ms/op", 1.0, "s/op", 1e3);

    private JmhResults() {
    }

    /**
     * @param file           the JSON file
     * @param expectedSchema the schema state the file is for; an entry for another state is refused
     */
    static List<CellResult> read(Path file, String expectedSchema) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new RunFolderException(name, name + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + "). Re-run the pipeline to write it again.", e);
        } catch (IOException e) {
            throw new RunFolderException(name, name + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw invalid(name, "the top level must be a JSON array of JMH results (-rf json)");
        }
        List<CellResult> cells = new ArrayList<>();
        for (int index = 0; index < root.size(); index++) {
            cells.add(cell(name, index, root.get(index), expectedSchema));
        }
        return cells;
    }

    private static CellResult cell(String file, int index, JsonNode entry, String expectedSchema) {
        String where = "entry " + index;
        String benchmark = text(file, where, entry, "benchmark");
        where = "entry " + index + " (" + benchmark + ")";
        String mode = text(file, where, entry, "mode");
        if (!"sample".equals(mode)) {
            throw invalid(file, where + " has mode \"" + mode + "\"; the report needs SampleTime (\"sample\")");
        }
        int dot = benchmark.lastIndexOf('.');
        if (dot <= 0 || dot == benchmark.length() - 1) {
            throw invalid(file, where + ": \"benchmark\" must be a class and method name");
        }
        String className = benchmark.substring(0, dot);
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String method = benchmark.substring(dot + 1);
        JsonNode schemaNode = entry.path("params").path("schema");
        String schema = schemaNode.isTextual() ? schemaNode.asText() : expectedSchema;
        if (!expectedSchema.equals(schema)) {
            throw invalid(file, where + " has params.schema \"" + schema + "\"; this file holds the \""
                    + expectedSchema + "\" measurements only");
        }
        JsonNode metric = entry.path("primaryMetric");
        String unit = text(file, where, metric, "scoreUnit");
        Double millisPerUnit = MILLIS_PER_UNIT.get(unit);
        if (millisPerUnit == null) {
            throw invalid(file, where + " has scoreUnit \"" + unit + "\"; expected a time per operation such as us/op");
        }
        JsonNode percentiles = metric.path("scorePercentiles");
        List<CellResult.ForkResult> forks = forks(file, where, metric.path("rawDataHistogram"), millisPerUnit);
        long samples = forks.stream().mapToLong(CellResult.ForkResult::samples).sum();
        return new CellResult(simpleName, method, schema,
                number(file, where, percentiles, "50.0") * millisPerUnit,
                number(file, where, percentiles, "90.0") * millisPerUnit,
                number(file, where, percentiles, "95.0") * millisPerUnit,
                number(file, where, percentiles, "99.0") * millisPerUnit,
                number(file, where, percentiles, "100.0") * millisPerUnit,
                number(file, where, metric, "score") * millisPerUnit,
                samples, forks);
    }

    /** rawDataHistogram: per fork, per iteration, [value, count] pairs. */
    private static List<CellResult.ForkResult> forks(String file, String where, JsonNode histogram, double millisPerUnit) {
        if (!histogram.isArray() || histogram.isEmpty()) {
            throw invalid(file, where + " has no primaryMetric.rawDataHistogram (one array per fork)");
        }
        List<CellResult.ForkResult> forks = new ArrayList<>();
        for (int fork = 0; fork < histogram.size(); fork++) {
            SampleHistogram samples = new SampleHistogram();
            JsonNode iterations = histogram.get(fork);
            if (!iterations.isArray()) {
                throw invalid(file, where + ": rawDataHistogram[" + fork + "] must be an array of iterations");
            }
            for (JsonNode iteration : iterations) {
                if (!iteration.isArray()) {
                    throw invalid(file, where + ": rawDataHistogram[" + fork + "] holds a non-array iteration");
                }
                for (JsonNode pair : iteration) {
                    if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isIntegralNumber()) {
                        throw invalid(file, where + ": rawDataHistogram[" + fork + "] holds " + pair
                                + " where a [value, count] pair was expected");
                    }
                    samples.add(pair.get(0).asDouble() * millisPerUnit, pair.get(1).asLong());
                }
            }
            if (samples.size() == 0) {
                throw invalid(file, where + ": fork " + (fork + 1) + " has no samples");
            }
            forks.add(new CellResult.ForkResult(samples.percentile(50), samples.mean(), samples.size()));
        }
        return forks;
    }

    private static String text(String file, String where, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(file, where + " has no \"" + field + "\"");
        }
        return value.asText();
    }

    /** A number; JMH writes "NaN" as a string, which is read as NaN. */
    private static double number(String file, String where, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual() && "NaN".equals(value.asText())) {
            return Double.NaN;
        }
        throw invalid(file, where + " has no number \"" + field + "\"");
    }

    private static RunFolderException invalid(String file, String problem) {
        return new RunFolderException(file, file + " is malformed: " + problem
                + ". Re-run the pipeline, or restore the file from the run's archive.");
    }
}
