package dev.trialbench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Sends a seeded set of malformed requests ({@link MalformedRequests}) to a running
 * {@link TrialService}, one connection each, and judges every answer: it must be a 4xx whose JSON
 * says what is wrong, without a stack trace, SQL, or the input echoed back, and nothing may be
 * written. Most requests carry an existing user's otherwise valid activation, so that a defect the
 * service failed to notice shows up as a written row. Run it on a database nobody else writes to
 * while it runs.
 *
 * <p>Not sent yet: requests broken at the HTTP framing level (a Content-Length that is not a number
 * or is negative, two Content-Lengths, Content-Length with Transfer-Encoding, a request target that is
 * not a URI). They were left out while the service ran on the JDK's HTTP server, which answered them
 * with an HTML 400 the service could not change; Jetty, which serves now, refuses them before any
 * route sees them and answers with the service's JSON error, so they could join the campaign. Thread-safe (stateless); one campaign runs on the calling thread.
 */
public final class BadInputCampaign {

    /** Enough for every kind of defect to be tried about two dozen times. */
    public static final int DEFAULT_COUNT = 600;
    private static final int MAX_EXAMPLES = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "SQL", "SELECT", "INSERT", "org.", "java.", "jdbc");
    private static final List<String> WRITTEN_TABLES =
            List.of("free_trial_tokens", "device_fingerprints", "trial_fraud_flags", "trial_usage", "users");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadInputCampaign() {
    }

    /** Starts a service on the given pool, runs the campaign against it and stops the service. */
    public static BadInputResult againstNewService(DataSource dataSource, long seed, int count) {
        try (TrialService service = TrialService.start(dataSource, ServiceConfig.forPool(2))) {
            return run(service.baseUri(), dataSource, seed, count);
        }
    }

    /**
     * @param baseUri    the service, e.g. {@code http://127.0.0.1:8080}
     * @param dataSource the service's database, to pick a known user and count rows before and after
     */
    public static BadInputResult run(URI baseUri, DataSource dataSource, long seed, int count) {
        String knownUser = knownUser(dataSource, seed);
        List<MalformedRequest> requests = MalformedRequests.generate(seed, count, baseUri.getHost() + ":" + baseUri.getPort(),
                knownUser);
        Map<String, Long> before = rowCounts(dataSource);
        RawHttp http = new RawHttp(baseUri, TIMEOUT);
        Map<String, Integer> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int clean = 0;
        int serverErrors = 0;
        for (MalformedRequest request : requests) {
            byCategory.merge(request.category(), 1, Integer::sum);
            RawHttp.Answer answer = http.send(request.head(), request.body(), request.halfClose());
            String problem = judge(request, answer);
            if (answer.status() >= 500) {
                serverErrors++;
            }
            if (problem == null) {
                clean++;
            } else if (failures.size() < MAX_EXAMPLES) {
                failures.add(request.category() + ": " + request.description() + " -> " + problem);
            }
        }
        Map<String, Long> after = rowCounts(dataSource);
        long written = 0;
        for (String table : WRITTEN_TABLES) {
            written += Math.abs(after.get(table) - before.get(table));
        }
        return new BadInputResult(requests.size(), clean, serverErrors, written, byCategory, failures);
    }

    /** Null when the answer is a clean rejection; otherwise what is wrong with it. */
    static String judge(MalformedRequest request, RawHttp.Answer answer) {
        if (answer.status() < 0) {
            return answer.body();
        }
        String summary = answer.status() + " " + abbreviate(answer.body());
        if (answer.status() < 400 || answer.status() >= 500) {
            return "status " + summary;
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "not JSON (" + type + "): " + summary;
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "unparsable JSON: " + summary;
        }
        if (json == null || !json.path("error").isTextual() || json.path("error").asText().isBlank()) {
            return "no error message: " + summary;
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                return "answer shows '" + leak.strip() + "': " + summary;
            }
        }
        if (request.echoProbe() != null && answer.body().contains(request.echoProbe())) {
            return "answer echoes the input: " + summary;
        }
        return null;
    }

    private static String abbreviate(String body) {
        String printable = body.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 160 ? printable.substring(0, 160) + "..." : printable;
    }

    /** Some existing user (the same one for the same data), or a random id when there is none. */
    private static String knownUser(DataSource dataSource, long seed) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT user_id::text FROM users ORDER BY user_id LIMIT 1")) {
            if (rows.next()) {
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a user for the bad-input campaign (SQLState "
                    + e.getSQLState() + ")", e);
        }
        return new java.util.UUID(seed, ~seed).toString();
    }

    private static Map<String, Long> rowCounts(DataSource dataSource) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : WRITTEN_TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count rows for the bad-input campaign (SQLState "
                    + e.getSQLState() + ")", e);
        }
        return counts;
    }
}
