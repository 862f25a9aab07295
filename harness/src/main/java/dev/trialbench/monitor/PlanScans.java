package dev.trialbench.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * "Still scanning after the migrations", from plans alone: each named statement is explained
 * ({@code EXPLAIN (FORMAT JSON)}, estimated, nothing runs) with sample values bound by name, and every
 * {@code Seq Scan} node is listed with its relation, its filter, and the columns of that relation the
 * filter names (the columns an index would have to start with). Needs no {@code pg_stat_statements},
 * so it is the fallback where the statement statistics are not collected. A seq scan without a filter
 * reads the whole table on purpose (an aggregate over all rows) and is listed with no columns.
 * Thread-safe (stateless).
 */
public final class PlanScans {

    /** One Seq Scan node of a plan; {@code filter} has its literals replaced by {@code $}. */
    public record SeqScan(String relation, String filter, List<String> filterColumns) {
        public SeqScan {
            filterColumns = List.copyOf(filterColumns);
        }
    }

    /**
     * One statement's plan, summarized.
     *
     * @param statement name of the statement
     * @param seqScans  its Seq Scan nodes, depth first (empty: every relation is read through an index)
     * @param error     why it could not be explained, or null
     */
    public record StatementScans(String statement, List<SeqScan> seqScans, String error) {
        public StatementScans {
            seqScans = List.copyOf(seqScans);
        }

        /** Whether the plan reads {@code relation} by a sequential scan with a filter on {@code column}. */
        public boolean scansFor(String relation, String column) {
            return seqScans.stream().anyMatch(scan -> scan.relation().equals(relation)
                    && scan.filterColumns().contains(column));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A quoted literal of a plan's filter text ('...', with '' inside). */
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final String COLUMNS_SQL = """
            SELECT attname FROM pg_attribute
            WHERE attrelid = to_regclass(:relation) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""";

    private PlanScans() {
    }

    /**
     * Explains each statement with {@code values} bound by name (values a statement does not use are
     * ignored); a statement that cannot be explained is returned with its error, not thrown.
     */
    public static List<StatementScans> of(DataSource dataSource, Map<String, String> statements, Map<String, Object> values) {
        Jdbi jdbi = Jdbi.create(dataSource);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        List<StatementScans> result = new ArrayList<>();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            try {
                String json = jdbi.withHandle(handle -> {
                    handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
                    return handle.createQuery("EXPLAIN (FORMAT JSON) " + statement.getValue()).bindMap(values)
                            .mapTo(String.class).one();
                });
                List<SeqScan> scans = new ArrayList<>();
                collect(JSON.readTree(json).path(0).path("Plan"), scans, jdbi, columns);
                result.add(new StatementScans(statement.getKey(), scans, null));
            } catch (JdbiException | IOException e) {
                result.add(new StatementScans(statement.getKey(), List.of(), "not explained: " + firstLine(e.getMessage())));
            }
        }
        return List.copyOf(result);
    }

    /** The statements of {@code scans} that still read a table by a filtered sequential scan. */
    public static List<StatementScans> stillScanning(List<StatementScans> scans) {
        return scans.stream().filter(statement -> statement.seqScans().stream()
                .anyMatch(scan -> !scan.filterColumns().isEmpty())).toList();
    }

    private static void collect(JsonNode node, List<SeqScan> scans, Jdbi jdbi, Map<String, List<String>> columns) {
        if (node.path("Node Type").asText().endsWith("Seq Scan") && node.hasNonNull("Relation Name")) {
            String relation = node.path("Relation Name").asText();
            // The plan shows the sample values as literals: keep them out of the record (statement parameters).
            String filter = LITERAL.matcher(node.path("Filter").asText("")).replaceAll("\\$");
            List<String> known = columns.computeIfAbsent(relation, name -> jdbi.withHandle(handle -> handle
                    .createQuery(COLUMNS_SQL).bind("relation", name).mapTo(String.class).list()));
            List<String> named = known.stream()
                    .filter(column -> Pattern.compile("\\b" + Pattern.quote(column) + "\\b").matcher(filter).find())
                    .toList();
            scans.add(new SeqScan(relation, filter, named));
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, scans, jdbi, columns);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
