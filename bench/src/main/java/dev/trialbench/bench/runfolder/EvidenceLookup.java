package dev.trialbench.bench.runfolder;

import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.DatabaseEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Finds figures in a run's evidence; a section the pipeline did not record (null) reads as empty, so
 * that the report can say "not recorded" instead of failing. Immutable.
 */
public record EvidenceLookup(RunEvidence evidence) {

    /** The report listing's statement, as named in evidence.statements. */
    public static final String LISTING_STATEMENT = "NEWEST_REPORTS";

    public Optional<CellEvidence> cell(CellKey key) {
        return list(evidence.cells()).stream()
                .filter(cell -> key.equals(CellKey.of(cell.benchmark(), cell.method(), cell.schema())))
                .findFirst();
    }

    /** Round trips per operation, NaN when the cell was not counted. */
    public double roundTrips(CellKey key) {
        return cell(key).map(CellEvidence::roundTripsPerOp).orElse(Double.NaN);
    }

    public Optional<StatementEvidence> statement(String schema, String name) {
        return list(evidence.statements()).stream()
                .filter(statement -> schema.equals(statement.schema()) && name.equals(statement.name()))
                .findFirst();
    }

    public List<StatementEvidence> statements(String schema) {
        return list(evidence.statements()).stream().filter(statement -> schema.equals(statement.schema())).toList();
    }

    public Optional<DatabaseEvidence> database(String schema) {
        return list(evidence.database()).stream().filter(database -> schema.equals(database.schema())).findFirst();
    }

    public Optional<RunEvidence.MigrationEvidence> migration() {
        return Optional.ofNullable(evidence.migration());
    }

    public Optional<RunEvidence.IndexAudit> audit() {
        return Optional.ofNullable(evidence.audit());
    }

    public Optional<RunEvidence.SeedEvidence> seed() {
        return Optional.ofNullable(evidence.seed());
    }

    public static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
