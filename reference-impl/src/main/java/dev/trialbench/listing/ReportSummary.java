package dev.trialbench.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of a user's report listing. */
public record ReportSummary(UUID reportId, String title, String damageType, String state, BigDecimal totalCost,
                            Instant createdAt) {
}
