package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.Claim;
import dev.trialbench.bench.claims.ClaimContext;
import dev.trialbench.bench.claims.Verdict;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.render.Document.Warning;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The headline (speedups as measured, verdict tally, missing cells) and the environment summary. Stateless. */
final class SummarySections {

    static final CellKey ACTIVATION_BEFORE = CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE);
    static final CellKey ACTIVATION_AFTER = CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER);
    static final CellKey LISTING_BEFORE = CellKey.of(CellKey.LISTING, CellKey.RECORDS_1000, CellKey.BEFORE);
    static final CellKey LISTING_AFTER = LISTING_BEFORE.at(CellKey.AFTER);

    private SummarySections() {
    }

    static Section headline(ClaimContext context, List<Claim> claims) {
        List<Block> blocks = new ArrayList<>();
        Factorial factorial = context.factorial();
        if (!factorial.missing().isEmpty()) {
            blocks.add(new Warning("this run lacks " + factorial.missing().size() + " of " + CellKey.EXPECTED.size()
                    + " cells: " + String.join(", ", factorial.missing().stream().map(key -> Inline.code(key.label())).toList())
                    + ". Every figure that needs them says n/a or MISSING."));
        }
        if (!factorial.unexpected().isEmpty()) {
            blocks.add(new Warning("results for cells the report does not know: " + String.join(", ",
                    factorial.unexpected().stream().map(cell -> Inline.code(cell.key().label())).toList())
                    + "; they are listed under the factorial and used nowhere else."));
        }
        blocks.add(new Paragraph(Inline.bold("Trial activation") + " (naive before, batched after; means): "
                + change(context, ACTIVATION_BEFORE, ACTIVATION_AFTER) + ". Batching alone: "
                + context.ratio(ACTIVATION_BEFORE, ACTIVATION_BEFORE.with(CellKey.BATCHED)) + " before the migrations, "
                + context.ratio(ACTIVATION_AFTER.with(CellKey.NAIVE), ACTIVATION_AFTER) + " after; indexes alone: "
                + context.ratio(ACTIVATION_BEFORE, ACTIVATION_BEFORE.at(CellKey.AFTER)) + " naive, "
                + context.ratio(ACTIVATION_BEFORE.with(CellKey.BATCHED), ACTIVATION_AFTER) + " batched."));
        seqScansLeft(context).ifPresent(text -> blocks.add(new Paragraph(text)));
        CellKey pageBefore = LISTING_BEFORE.with(CellKey.PAGE_50);
        blocks.add(new Paragraph(Inline.bold("Report listing") + ", 1000 records (means): "
                + change(context, LISTING_BEFORE, LISTING_AFTER) + "; a page of 50: "
                + change(context, pageBefore, pageBefore.at(CellKey.AFTER)) + "."));
        blocks.add(new Paragraph(Inline.bold("Claims") + ": " + tally(claims) + " (see \"Claims of the report\")."));
        blocks.add(new Paragraph("Round-trip floor (`SELECT 1`, p50): " + Numbers.ms(context.floor(CellKey.BEFORE))
                + " before, " + Numbers.ms(context.floor(CellKey.AFTER)) + " after. Absolute times on this"
                + " machine's loopback understate what a network between application and database adds per round trip."));
        return new Section("headline", "Headline", blocks);
    }

    /**
     * The measured statements that still scan a table sequentially after the migrations: what the
     * report's indexes missed. Empty when there are none.
     */
    static java.util.Optional<String> seqScansLeft(ClaimContext context) {
        List<String> left = context.run().evidence().statements().stream()
                .filter(statement -> CellKey.AFTER.equals(statement.schema()) && statement.calls() > 0
                        && !statement.seqScans().isEmpty())
                .sorted(java.util.Comparator.comparingDouble(
                        dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence::totalMillis).reversed())
                .map(statement -> Inline.code(statement.name()) + " (seq scan on " + String.join(", ", statement.seqScans())
                        + ", mean " + Numbers.ms(statement.meanMillis()) + ")")
                .toList();
        if (left.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Inline.bold("Still scanning after the migrations") + ": " + String.join(", ", left)
                + ". The report's indexes do not cover these lookups; see \"Plan differences\" (seq scans left).");
    }

    /** {@code 5.41 ms -> 0.823 ms, 6.57x on the mean (forks 6.43x..6.71x)} */
    private static String change(ClaimContext context, CellKey before, CellKey after) {
        return Numbers.ms(context.mean(before)) + " -> " + Numbers.ms(context.mean(after)) + ", "
                + context.ratio(before, after);
    }

    /** {@code 4 HOLDS, 7 FAILS, ...} in the order of {@link Verdict}. */
    static String tally(List<Claim> claims) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        claims.forEach(claim -> counts.merge(claim.verdict(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((verdict, count) -> parts.add(count + " " + verdict.label()));
        return String.join(", ", parts) + " of " + claims.size();
    }

    static Section environment(RunEnvironment environment) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("trialbench", environment.trialbenchVersion() + ", commit " + Inline.code(environment.gitSha())));
        rows.add(List.of("host", environment.host()));
        rows.add(List.of("started", environment.startedAt()));
        rows.add(List.of("profile", Inline.code(environment.profile())));
        rows.add(List.of("data", "scale " + Numbers.plain(environment.scale()) + ", seed " + environment.seed()
                + ", anchored at " + environment.seedAnchor()));
        rows.add(List.of("PostgreSQL", environment.postgresVersion()));
        rows.add(List.of("provided by", environment.provider() + ": " + environment.providerReason()));
        rows.add(List.of("settings", settings(environment.postgresSettings())));
        rows.add(List.of("JDK", environment.jdk()));
        rows.add(List.of("OS", environment.os()));
        rows.add(List.of("CPU", environment.cpuModel() + ", " + environment.cores() + " cores"));
        rows.add(List.of("memory", Numbers.decimal(environment.memoryBytes() / 1e9, 1) + " GB"));
        rows.add(List.of("JMH forks", String.valueOf(environment.forks())));
        rows.add(List.of("command", Inline.code(String.valueOf(environment.command()))));
        return new Section("environment", "Environment", List.of(new Table(List.of("what", "value"), rows)));
    }

    private static String settings(Map<String, String> settings) {
        if (settings == null || settings.isEmpty()) {
            return "not recorded";
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(settings).forEach((name, value) -> pairs.add(Inline.code(name + "=" + value)));
        return String.join(", ", pairs);
    }
}
