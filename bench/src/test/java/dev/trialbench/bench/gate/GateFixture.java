package dev.trialbench.bench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * Run folders for the gate tests: {@code gate-fixture/} (environment and evidence) with the report
 * fixture's JMH files, copied into a temporary folder, and the edits a test makes to its copy.
 */
final class GateFixture {

    static final String RUN = "2025-11-02_688b999_bench-laptop";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GateFixture() {
    }

    /** A fresh copy of the fixture run in {@code parent/name}. */
    static Path run(Path parent, String name) {
        Path folder = parent.resolve(name);
        try {
            Files.createDirectories(folder);
            copy("/gate-fixture/" + RunFolder.ENVIRONMENT, folder.resolve(RunFolder.ENVIRONMENT));
            copy("/gate-fixture/" + RunFolder.EVIDENCE, folder.resolve(RunFolder.EVIDENCE));
            copy("/report-fixture/" + RunFolder.JMH_BEFORE, folder.resolve(RunFolder.JMH_BEFORE));
            copy("/report-fixture/" + RunFolder.JMH_AFTER, folder.resolve(RunFolder.JMH_AFTER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = GateFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture file missing from the test classpath: " + resource);
            }
            Files.copy(in, target);
        }
    }

    /** Reads one JSON file of the folder, lets the test change the tree, writes it back. */
    static void edit(Path folder, String file, Consumer<JsonNode> change) {
        try {
            Path path = folder.resolve(file);
            JsonNode tree = MAPPER.readTree(Files.readString(path));
            change.accept(tree);
            Files.writeString(path, MAPPER.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode statement(JsonNode evidence, String schema, String name) {
        return (ObjectNode) find(evidence.get("statements"), Map.of("schema", schema, "name", name));
    }

    static ObjectNode cell(JsonNode evidence, CellKey key) {
        return (ObjectNode) find(evidence.get("cells"),
                Map.of("benchmark", key.benchmark(), "method", key.method(), "schema", key.schema()));
    }

    /** Removes one statement from evidence.json, as if the code no longer had it. */
    static void removeStatement(Path folder, String schema, String name) {
        edit(folder, RunFolder.EVIDENCE, evidence -> {
            ArrayNode statements = (ArrayNode) evidence.get("statements");
            for (int i = statements.size() - 1; i >= 0; i--) {
                JsonNode statement = statements.get(i);
                if (schema.equals(statement.get("schema").asText()) && name.equals(statement.get("name").asText())) {
                    statements.remove(i);
                }
            }
        });
    }

    /** Sets the figures of one statement: the plan's index and seq-scan sets. */
    static void plan(Path folder, String schema, String name, List<String> indexes, List<String> seqScans) {
        edit(folder, RunFolder.EVIDENCE, evidence -> {
            ObjectNode statement = statement(evidence, schema, name);
            ArrayNode indexArray = statement.putArray("indexes");
            indexes.forEach(indexArray::add);
            ArrayNode seqArray = statement.putArray("seqScans");
            seqScans.forEach(seqArray::add);
        });
    }

    /** Multiplies every time of one JMH entry: score, error, percentiles and the raw histogram's values. */
    static void scaleLatency(Path folder, CellKey key, double factor) {
        edit(folder, jmhFile(key), results -> {
            ObjectNode metric = (ObjectNode) jmhEntry(results, key).get("primaryMetric");
            metric.put("score", metric.get("score").asDouble() * factor);
            metric.put("scoreError", metric.get("scoreError").asDouble() * factor);
            ArrayNode confidence = (ArrayNode) metric.get("scoreConfidence");
            for (int i = 0; i < confidence.size(); i++) {
                confidence.set(i, DoubleNode.valueOf(confidence.get(i).asDouble() * factor));
            }
            ObjectNode percentiles = (ObjectNode) metric.get("scorePercentiles");
            List<String> names = StreamSupport.stream(((Iterable<String>) percentiles::fieldNames).spliterator(), false).toList();
            names.forEach(percentile -> percentiles.put(percentile, percentiles.get(percentile).asDouble() * factor));
            for (JsonNode fork : metric.get("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode pair : iteration) {
                        ((ArrayNode) pair).set(0, DoubleNode.valueOf(pair.get(0).asDouble() * factor));
                    }
                }
            }
        });
    }

    /** Keeps the first fork of every JMH entry of both files: a run of one fork. */
    static void keepOneFork(Path folder) {
        for (String file : List.of(RunFolder.JMH_BEFORE, RunFolder.JMH_AFTER)) {
            edit(folder, file, results -> {
                for (JsonNode entry : results) {
                    ((ObjectNode) entry).put("forks", 1);
                    ArrayNode histogram = (ArrayNode) entry.get("primaryMetric").get("rawDataHistogram");
                    while (histogram.size() > 1) {
                        histogram.remove(histogram.size() - 1);
                    }
                }
            });
        }
        edit(folder, RunFolder.ENVIRONMENT, environment -> ((ObjectNode) environment).put("forks", 1));
    }

    /** Removes one cell's JMH entry, as if the benchmark had not run. */
    static void removeJmhResult(Path folder, CellKey key) {
        edit(folder, jmhFile(key), results -> {
            ArrayNode entries = (ArrayNode) results;
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (matches(entries.get(i), key)) {
                    entries.remove(i);
                }
            }
        });
    }

    /** A baseline made from the given runs, written to {@code file}. */
    static Path baseline(Path file, Path... runs) {
        Baseline baseline = BaselineBuilder.build(List.of(runs).stream().map(RunFolder::read).toList(), "test");
        try {
            baseline.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String jmhFile(CellKey key) {
        return CellKey.BEFORE.equals(key.schema()) ? RunFolder.JMH_BEFORE : RunFolder.JMH_AFTER;
    }

    private static JsonNode jmhEntry(JsonNode results, CellKey key) {
        for (JsonNode entry : results) {
            if (matches(entry, key)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("no JMH entry for " + key.label());
    }

    private static boolean matches(JsonNode entry, CellKey key) {
        return entry.get("benchmark").asText().endsWith("." + key.benchmark() + "." + key.method())
                && key.schema().equals(entry.path("params").path("schema").asText());
    }

    private static JsonNode find(JsonNode array, Map<String, String> fields) {
        for (JsonNode element : array) {
            if (fields.entrySet().stream().allMatch(field -> field.getValue().equals(element.path(field.getKey()).asText()))) {
                return element;
            }
        }
        throw new IllegalArgumentException("no element with " + fields);
    }
}
