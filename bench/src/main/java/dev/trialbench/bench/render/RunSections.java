package dev.trialbench.bench.render;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.IndexNote;
import dev.trialbench.db.LockPatience;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The run's own figures: the migration, the seed against pgbench, the index audit and the phase times. Stateless. */
final class RunSections {

    private RunSections() {
    }

    static Section migration(EvidenceLookup evidence) {
        String id = "migration";
        String heading = "Migration to AFTER";
        if (evidence.migration().isEmpty()) {
            return notRecorded(id, heading, "migration");
        }
        RunEvidence.MigrationEvidence migration = evidence.migration().get();
        List<Block> blocks = new ArrayList<>();
        List<String> items = new ArrayList<>(List.of(
                "total: " + Numbers.ms(migration.totalMillis()) + " for " + EvidenceLookup.list(migration.steps()).size()
                        + " steps",
                "a concurrent writer completed " + Numbers.count(migration.writerInserts()) + " inserts, "
                        + Numbers.count(migration.writerFailures()) + " failed; its longest insert took "
                        + Numbers.ms(migration.maxWriterWaitMillis()),
                "longest lock wait of the writer seen while sampling pg_stat_activity every 10 ms: " + Numbers.ms(migration.maxLockWaitMillis()),
                "a second migration to AFTER applied " + migration.rerunApplied()));
        if (migration.lockConflicts() != null) {
            items.add(migration.lockConflicts() == 0
                    ? "the constraint step (V4_1: SHARE ROW EXCLUSIVE on each table and on `users` for a foreign key, ACCESS EXCLUSIVE for a check) got its locks at the first attempt"
                    : "the constraint step (V4_1: SHARE ROW EXCLUSIVE on each table and on `users` for a foreign key, ACCESS EXCLUSIVE for a check) gave way to running"
                            + " transactions " + migration.lockConflicts() + " time(s): it waits at most "
                            + LockPatience.DEFAULT.lockTimeout().toMillis() + " ms per lock"
                            + " (lock_timeout, below deadlock_timeout), rolls back whole and tries again, so that writers"
                            + " never queue long behind it and no application transaction is chosen as a deadlock victim");
        }
        blocks.add(new Bullets(items));
        blocks.add(new Table(List.of("version", "step", "ms"), EvidenceLookup.list(migration.steps()).stream()
                .map(step -> List.of("V" + step.version(), step.description(), Numbers.millis(step.millis()))).toList()));
        return new Section(id, heading, blocks);
    }

    static Section seed(EvidenceLookup evidence) {
        String id = "seed";
        String heading = "Seeding speed, against pgbench";
        if (evidence.seed().isEmpty()) {
            return notRecorded(id, heading, "seed");
        }
        RunEvidence.SeedEvidence seed = evidence.seed().get();
        List<String> items = new ArrayList<>();
        items.add("trialbench's seeder: " + Numbers.count(seed.rows()) + " rows, " + Numbers.bytes(seed.heapBytes())
                + " of heap in " + Numbers.decimal(seed.seconds(), 1) + " s: "
                + Numbers.decimal(seed.heapMegabytesPerSecond(), 1) + " MB/s");
        if (seed.pgbenchHeapMegabytesPerSecond() == null) {
            items.add("pgbench: not measured" + (seed.pgbenchNote() == null ? "" : " (" + seed.pgbenchNote() + ")"));
        } else {
            items.add("pgbench on the same server: " + Numbers.decimal(seed.pgbenchHeapMegabytesPerSecond(), 1) + " MB/s"
                    + (seed.pgbenchSeconds() == null ? "" : " in " + Numbers.decimal(seed.pgbenchSeconds(), 1) + " s")
                    + (seed.pgbenchNote() == null ? "" : " (" + seed.pgbenchNote() + ")"));
            items.add("the seeder loads at " + Numbers.percent(seed.heapMegabytesPerSecond()
                    / seed.pgbenchHeapMegabytesPerSecond()) + " of pgbench's speed");
        }
        List<RunEvidence.SeedTableLoad> timed = EvidenceLookup.list(seed.tables());
        boolean keysAfter = timed.stream().anyMatch(load -> load.indexSeconds() != null);
        if (seed.loadSeconds() != null && seed.vacuumSeconds() != null) {
            double rest = seed.seconds() - seed.loadSeconds() - seed.vacuumSeconds()
                    - (seed.foreignKeySeconds() == null ? 0 : seed.foreignKeySeconds());
            String keys;
            if (seed.foreignKeySeconds() == null) {
                keys = "foreign keys checked row by row during the COPY; ";
            } else if (keysAfter) {
                keys = "foreign keys put back after the load, each checking every row once, "
                        + Numbers.decimal(seed.foreignKeySeconds(), 2) + " s; ";
            } else {
                keys = "foreign keys checked once each after the load " + Numbers.decimal(seed.foreignKeySeconds(), 2) + " s; ";
            }
            items.add("where the seeder's time went" + (seed.copyFormat() == null ? "" : " (COPY format " + seed.copyFormat() + ")")
                    + ": load " + Numbers.decimal(seed.loadSeconds(), 1) + " s (the COPY of every table"
                    + (keysAfter ? " and the build of its primary key and indexes" : "") + ", two tables at a time"
                    + " on two connections, so the tables' times below add up to more); " + keys
                    + "VACUUM (ANALYZE) " + Numbers.decimal(seed.vacuumSeconds(), 1) + " s"
                    + (rest >= 0.05 ? "; the rest " + Numbers.decimal(rest, 1) + " s" : ""));
            items.add(keysAfter
                    ? "per table, a COPY's time is the generator writing rows into the COPY buffer (Java) and the wait"
                            + " for the server to take each chunk in (type input, heap); the primary key and the schema's"
                            + " other indexes were taken off before the load and built afterwards from the catalog's own"
                            + " definitions (indexes s), as pg_restore does, and the foreign keys put back last"
                    : "per table, a COPY's time is the generator writing rows into the COPY buffer (Java) and the wait"
                            + " for the server to take each chunk in (type input, heap, the primary key and the schema's other"
                            + " indexes, maintained row by row" + (seed.foreignKeySeconds() == null ? ", and the foreign-key checks)" : ")"));
        }
        List<Block> blocks = new ArrayList<>(List.of(new Bullets(items)));
        Map<String, Long> perTable = seed.rowsPerTable() == null ? Map.of() : new TreeMap<>(seed.rowsPerTable());
        if (!timed.isEmpty() && keysAfter) {
            blocks.add(new Table(List.of("table", "rows", "heap", "COPY s", "generating s", "server s", "indexes s"),
                    timed.stream().map(load -> List.of(Inline.code(load.table()), Numbers.count(load.rows()),
                            Numbers.bytes(load.heapBytes()), Numbers.decimal(load.copySeconds(), 2),
                            Numbers.decimal(load.generateSeconds(), 2), Numbers.decimal(load.serverSeconds(), 2),
                            load.indexSeconds() == null ? "" : Numbers.decimal(load.indexSeconds(), 2))).toList()));
        } else if (!timed.isEmpty()) {
            blocks.add(new Table(List.of("table", "rows", "heap", "COPY s", "generating s", "server s"), timed.stream()
                    .map(load -> List.of(Inline.code(load.table()), Numbers.count(load.rows()), Numbers.bytes(load.heapBytes()),
                            Numbers.decimal(load.copySeconds(), 2), Numbers.decimal(load.generateSeconds(), 2),
                            Numbers.decimal(load.serverSeconds(), 2)))
                    .toList()));
        } else if (!perTable.isEmpty()) {
            blocks.add(new Table(List.of("table", "rows"), perTable.entrySet().stream()
                    .map(entry -> List.of(Inline.code(entry.getKey()), Numbers.count(entry.getValue()))).toList()));
        }
        return new Section(id, heading, blocks);
    }

    static Section indexAudit(EvidenceLookup evidence) {
        String id = "audit";
        String heading = "Index audit after the AFTER measurements";
        if (evidence.audit().isEmpty()) {
            return notRecorded(id, heading, "audit");
        }
        RunEvidence.IndexAudit audit = evidence.audit().get();
        List<Block> blocks = new ArrayList<>();
        notes(blocks, "Unused", audit.unused());
        notes(blocks, "Duplicates", audit.duplicates());
        notes(blocks, "Invalid", audit.invalid());
        blocks.add(new Subheading("Scans per index"));
        Map<String, Long> scans = audit.scansPerIndex() == null ? Map.of() : new TreeMap<>(audit.scansPerIndex());
        blocks.add(scans.isEmpty() ? new Paragraph("Not recorded.") : new Table(List.of("index", "scans"),
                scans.entrySet().stream().map(entry -> List.of(Inline.code(entry.getKey()), Numbers.count(entry.getValue())))
                        .toList()));
        return new Section(id, heading, blocks);
    }

    private static void notes(List<Block> blocks, String title, List<IndexNote> notes) {
        List<IndexNote> sorted = EvidenceLookup.list(notes).stream()
                .sorted(Comparator.comparing(IndexNote::table).thenComparing(IndexNote::index)).toList();
        blocks.add(new Subheading(title + " (" + sorted.size() + ")"));
        if (sorted.isEmpty()) {
            blocks.add(new Paragraph("None."));
            return;
        }
        blocks.add(new Table(List.of("table", "index", "size", "why", "definition"), sorted.stream()
                .map(note -> List.of(Inline.code(note.table()), Inline.code(note.index()), Numbers.bytes(note.sizeBytes()),
                        note.reason(), Inline.code(note.definition())))
                .toList()));
    }

    static Section phases(EvidenceLookup evidence) {
        List<RunEvidence.Phase> phases = EvidenceLookup.list(evidence.evidence().phases());
        if (phases.isEmpty()) {
            return notRecorded("phases", "Pipeline phases", "phases");
        }
        List<List<String>> rows = new ArrayList<>(phases.stream()
                .map(phase -> List.of(phase.name(), Numbers.decimal(phase.seconds(), 1))).toList());
        rows.add(List.of(Inline.bold("total"), Inline.bold(Numbers.decimal(
                phases.stream().mapToDouble(RunEvidence.Phase::seconds).sum(), 1))));
        return new Section("phases", "Pipeline phases", List.of(new Paragraph("Wall time of each phase, in the order"
                + " the pipeline ran them."), new Table(List.of("phase", "seconds"), rows)));
    }

    private static Section notRecorded(String id, String heading, String field) {
        return new Section(id, heading, List.of(new Paragraph("Not recorded: `evidence.json` has no `" + field + "`.")));
    }
}
