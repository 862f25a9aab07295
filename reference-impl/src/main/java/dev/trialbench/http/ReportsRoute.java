package dev.trialbench.http;

import dev.trialbench.listing.ReportListing;
import dev.trialbench.listing.ReportSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /users/{userId}/reports?limit=50}: the user's newest reports, newest first. A user
 * without reports (or unknown) gets an empty list. Thread-safe (the listing is).
 */
final class ReportsRoute extends Route {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");

    private final ReportListing listing;

    ReportsRoute(ReportListing listing) {
        super("/users/{userId}/reports", Pattern.compile("/users/([^/]*)/reports"), Set.of("GET"));
        this.listing = listing;
    }

    @Override
    Response serve(Incoming request, Matcher path) {
        List<String> problems = new ArrayList<>();
        String userText = path.group(1);
        UUID userId = null;
        if (!UUID_TEXT.matcher(userText).matches()) {
            problems.add("userId must be a UUID (8-4-4-4-12 hex digits)");
        } else {
            userId = UUID.fromString(userText);
        }
        int limit = limit(request.rawQuery(), problems);
        if (!problems.isEmpty()) {
            return Response.invalid(problems);
        }
        List<Map<String, Object>> reports = listing.newestReports(userId, limit).stream().map(ReportsRoute::report).toList();
        return Response.json(200, Map.of("reports", reports));
    }

    /** The first {@code limit} parameter of the query; other parameters are ignored. */
    private static int limit(String rawQuery, List<String> problems) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return ReportListing.PAGE;
        }
        for (String parameter : rawQuery.split("&")) {
            String[] pair = parameter.split("=", 2);
            if (!pair[0].equals("limit")) {
                continue;
            }
            String value = pair.length < 2 ? "" : pair[1];
            if (LIMIT.matcher(value).matches()) {
                int limit = Integer.parseInt(value);
                if (limit >= 1 && limit <= ReportListing.LARGE) {
                    return limit;
                }
            }
            problems.add("limit must be an integer within 1.." + ReportListing.LARGE);
            return ReportListing.PAGE;
        }
        return ReportListing.PAGE;
    }

    private static Map<String, Object> report(ReportSummary report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportId", report.reportId().toString());
        body.put("title", report.title());
        body.put("damageType", report.damageType());
        body.put("state", report.state());
        body.put("totalCost", report.totalCost());
        body.put("createdAt", report.createdAt().toString());
        return body;
    }
}
