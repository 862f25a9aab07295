package dev.trialbench.bench.report;

import dev.trialbench.bench.results.RunEvidence;
import dev.trialbench.bench.results.RunEvidence.CellEvidence;
import dev.trialbench.bench.results.RunEvidence.DatabaseEvidence;
import dev.trialbench.bench.results.RunEvidence.StatementEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Finds figures in a run's evidence; a section the pipeline did not record (null) reads as empty, so
 * that the report can say "not recorded" instead of failing. Immutable.
 */
record EvidenceLookup(RunEvidence evidence) {

    /** The report listing's statement, as named in evidence.statements. */
    static final String LISTING_STATEMENT = "NEWEST_REPORTS";

    Optional<CellEvidence> cell(CellKey key) {
        return list(evidence.cells()).stream()
                .filter(cell -> key.equals(CellKey.of(cell.benchmark(), cell.method(), cell.schema())))
                .findFirst();
    }

    /** Round trips per operation, NaN when the cell was not counted. */
    double roundTrips(CellKey key) {
        return cell(key).map(CellEvidence::roundTripsPerOp).orElse(Double.NaN);
    }

    Optional<StatementEvidence> statement(String schema, String name) {
        return list(evidence.statements()).stream()
                .filter(statement -> schema.equals(statement.schema()) && name.equals(statement.name()))
                .findFirst();
    }

    List<StatementEvidence> statements(String schema) {
        return list(evidence.statements()).stream().filter(statement -> schema.equals(statement.schema())).toList();
    }

    Optional<DatabaseEvidence> database(String schema) {
        return list(evidence.database()).stream().filter(database -> schema.equals(database.schema())).findFirst();
    }

    Optional<RunEvidence.MigrationEvidence> migration() {
        return Optional.ofNullable(evidence.migration());
    }

    Optional<RunEvidence.IndexAudit> audit() {
        return Optional.ofNullable(evidence.audit());
    }

    Optional<RunEvidence.SeedEvidence> seed() {
        return Optional.ofNullable(evidence.seed());
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
