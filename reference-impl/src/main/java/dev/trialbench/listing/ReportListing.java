package dev.trialbench.listing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A user's newest reports, soft-deleted ones excluded: the report's "Report listing" (before: a full
 * table scan; after: {@code idx_reports_user_created}). Two sizes are measured: a page of
 * {@value #PAGE} and the report's "1000 records" case. Thread-safe (holds only the Jdbi instance).
 */
public final class ReportListing {

    public static final int PAGE = 50;
    public static final int LARGE = 1000;

    /** The statement, written once. */
    static final String NEWEST_REPORTS = """
            /* trialbench NEWEST_REPORTS */
            SELECT report_id, title, damage_type, state, total_cost, created_at
            FROM reports
            WHERE created_by_user_id = :userId AND deleted_at IS NULL
            ORDER BY created_at DESC
            LIMIT :limit""";

    private final Jdbi jdbi;

    public ReportListing(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The SQL text, for EXPLAIN and pg_stat_statements lookups. */
    public static String sql() {
        return NEWEST_REPORTS;
    }

    /**
     * @param userId the owner; must not be null
     * @param limit  1 to {@value #LARGE}
     */
    public List<ReportSummary> newestReports(UUID userId, int limit) {
        if (userId == null) {
            throw new IllegalArgumentException("userId is missing");
        }
        if (limit < 1 || limit > LARGE) {
            throw new IllegalArgumentException("limit must be within 1.." + LARGE + ", was " + limit);
        }
        return jdbi.withHandle(handle -> handle.createQuery(NEWEST_REPORTS)
                .bind("userId", userId)
                .bind("limit", limit)
                .map((rows, context) -> new ReportSummary(
                        rows.getObject("report_id", UUID.class),
                        rows.getString("title"),
                        rows.getString("damage_type"),
                        rows.getString("state"),
                        rows.getBigDecimal("total_cost"),
                        rows.getObject("created_at", OffsetDateTime.class).toInstant()))
                .collect(java.util.stream.Collectors.toCollection(() -> new ArrayList<>(limit))));
    }
}
