package dev.trialbench.reliability;

/**
 * One migration fault, injected and judged. Immutable.
 *
 * @param faultCase       which fault (a short name)
 * @param injected        what was done to the database
 * @param outcome         what the migration (and the monitor) did about it
 * @param schemaUnchanged for a refused migration: the catalog is the same before and after the
 *                        attempt; for a repair: the repaired catalog is the same as a clean rebuild's
 * @param passed          the outcome is the one trialbench promises
 * @param message         the migration's or the monitor's own words (no row values)
 */
public record MigrationFaultResult(String faultCase, String injected, String outcome, boolean schemaUnchanged,
                                   boolean passed, String message) {
}
