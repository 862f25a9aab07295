package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run folder's raw files, read and checked: {@code environment.json}, {@code evidence.json},
 * {@code jmh-before.json} and {@code jmh-after.json}. Everything a report shows comes from these
 * four files; {@code load.json}, when the run has load runs, is read on demand ({@link #loadEvidence()}).
 * Immutable.
 *
 * @param cells every JMH result of both files, in report order ({@link CellKey#compareTo})
 */
public record RunFolder(Path folder, RunEnvironment environment, RunEvidence evidence, List<CellResult> cells) {

    public static final String ENVIRONMENT = "environment.json";
    public static final String EVIDENCE = "evidence.json";
    public static final String JMH_BEFORE = "jmh-before.json";
    public static final String JMH_AFTER = "jmh-after.json";
    /** Optional: written by the reliability step; runs without it (older, or --skip-reliability) still render. */
    public static final String RELIABILITY = "reliability.json";
    public static final List<String> RAW_FILES = List.of(ENVIRONMENT, EVIDENCE, JMH_BEFORE, JMH_AFTER);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public RunFolder {
        cells = List.copyOf(cells);
    }

    /** The reliability step's figures, when the run has {@value #RELIABILITY}. */
    public Optional<ReliabilityEvidence> reliability() {
        if (!Files.isRegularFile(folder.resolve(RELIABILITY))) {
            return Optional.empty();
        }
        return Optional.of(json(folder, RELIABILITY, ReliabilityEvidence.class));
    }

    /**
     * @throws RunFolderException naming every missing file, or the first malformed one
     */
    public static RunFolder read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RunFolderException(folder.toString(), "run folder " + folder + " does not exist or is not a folder");
        }
        List<String> missing = RAW_FILES.stream().filter(name -> !Files.isRegularFile(folder.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new RunFolderException(missing.get(0), "run folder " + folder + " lacks " + String.join(", ", missing)
                    + ": a report is made from the raw files alone. Re-run the pipeline (./trialbench run) to produce them.");
        }
        RunEnvironment environment = json(folder, ENVIRONMENT, RunEnvironment.class);
        RunEvidence evidence = json(folder, EVIDENCE, RunEvidence.class);
        List<CellResult> cells = new ArrayList<>(JmhResults.read(folder.resolve(JMH_BEFORE), CellKey.BEFORE));
        cells.addAll(JmhResults.read(folder.resolve(JMH_AFTER), CellKey.AFTER));
        refuseDuplicates(cells);
        cells.sort(Comparator.comparing(CellResult::key));
        return new RunFolder(folder, environment, evidence, cells);
    }

    /**
     * Fields added after runs were published, by file type and the JSON pointer of the object that
     * holds them ({@code /*} at the end: every element of that array): absent in an older file means
     * "not recorded", read as null (each is of a nullable
     * type). Every other field must be there, so that a file that drifted from its record is refused
     * rather than read with silent zeros.
     */
    private static final Map<Class<?>, Map<String, List<String>>> FIELDS_ADDED_LATER = Map.of(
            RunEvidence.class, Map.of("/seed", List.of("loadSeconds", "foreignKeySeconds", "vacuumSeconds", "copyFormat",
                            "tables"),
                    "/seed/tables/*", List.of("indexSeconds"),
                    "/migration", List.of("lockConflicts"), "/migration/steps/*", List.of("writerMaxMillis"),
                    "", List.of("statementStatisticsNotCollected", "harnessOverhead")),
            LoadEvidence.class, Map.of("", List.of("intendedStart", "server"), "/runs/*", List.of("cpu"), "/pgbench", List.of("atGoalRate")),
            ReliabilityEvidence.class, Map.of("/concurrency/*", List.of("setUpActivations"), "", List.of("safety")));

    private static <T> T json(Path folder, String name, Class<T> type) {
        try {
            JsonNode tree = MAPPER.readTree(Files.readString(folder.resolve(name)));
            FIELDS_ADDED_LATER.getOrDefault(type, Map.of()).forEach((pointer, fields) -> {
                if (tree == null) {
                    return;
                }
                List<JsonNode> holders = new ArrayList<>();
                if (pointer.endsWith("/*")) {
                    tree.at(pointer.substring(0, pointer.length() - 2)).forEach(holders::add);
                } else {
                    holders.add(tree.at(pointer));
                }
                for (JsonNode node : holders) {
                    if (node instanceof ObjectNode holder) {
                        fields.forEach(field -> {
                            if (!holder.has(field)) {
                                holder.putNull(field);
                            }
                        });
                    }
                }
            });
            T value = tree == null || tree.isNull() || tree.isMissingNode() ? null : MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new RunFolderException(name, name + " is malformed: it holds null instead of an object");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new RunFolderException(name, name + " is malformed: " + e.getOriginalMessage() + " at "
                    + e.getPathReference() + ". It must match " + type.getSimpleName() + "; re-run the pipeline.", e);
        } catch (JsonProcessingException e) {
            throw new RunFolderException(name, name + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")") + ". Re-run the pipeline to write it again.", e);
        } catch (IOException e) {
            throw new RunFolderException(name, name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void refuseDuplicates(List<CellResult> cells) {
        Map<CellKey, Integer> seen = new HashMap<>();
        for (CellResult cell : cells) {
            if (seen.merge(cell.key(), 1, Integer::sum) > 1) {
                String file = CellKey.BEFORE.equals(cell.schema()) ? JMH_BEFORE : JMH_AFTER;
                throw new RunFolderException(file, file + " is malformed: it holds " + cell.key().label()
                        + " twice (a JMH parameter other than schema?); one result per cell is expected");
            }
        }
    }

    /**
     * The run's {@code load.json}, or empty for a run without one (made before the load runs existed, or
     * with {@code --skip-load}).
     *
     * @throws RunFolderException when the file is there but malformed
     */
    public Optional<LoadEvidence> loadEvidence() {
        return Files.isRegularFile(folder.resolve(LoadEvidence.FILE))
                ? Optional.of(json(folder, LoadEvidence.FILE, LoadEvidence.class)) : Optional.empty();
    }

    /** The folder's name, {@code <yyyy-MM-dd>_<shortsha>_<host>} for a pipeline run. */
    public String name() {
        return folder.getFileName().toString();
    }
}
