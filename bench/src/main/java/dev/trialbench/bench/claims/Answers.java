package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.RttSweep;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationStep;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The optimization report's headline questions, each answered in one line from the claims' verdicts:
 * is activation 6x faster and from what (batching or the indexes); is the listing 20x faster; do the
 * migrations block writers; do the KPIs hold under load; which statement still dominates. The
 * decisions the claims do not already make (which factor the speedup comes from, the KPIs under load
 * taken together, the dominant statement) are made here. Stateless.
 */
public final class Answers {

    static final String ACTIVATION = "Is trial activation 6x faster, and from what?";
    static final String LISTING = "Is the report listing 20x faster?";
    static final String MIGRATIONS = "Do the migrations leave writers unblocked (\"No table locks\")?";
    static final String KPIS = "Do the KPIs hold under load?";
    static final String STATEMENT = "Which statement still dominates?";

    /** Where the activation's speedup comes from, decided on the intervals of each factor alone. */
    public enum Source {
        /** Every "indexes alone" interval lies wholly above every "batching alone" interval. */
        INDEXES("mostly from the indexes"),
        /** Every "batching alone" interval lies wholly above every "indexes alone" interval. */
        BATCHING("mostly from batching"),
        /** The intervals overlap: this run does not tell which factor gives more. */
        NOT_SETTLED("batching and the indexes not told apart (their intervals overlap)"),
        /** A cell is missing. */
        NOT_MEASURED("what it comes from was not measured");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private Answers() {
    }

    /** The answers of a run, from its raw files. */
    public static List<Answer> of(RunFolder run) {
        return of(ClaimContext.of(run), Claims.of(run), LoadRuns.read(run), RttSweep.read(run));
    }

    /** The answers from the run's claims (as {@link Claims#of} gives them) and its load runs. */
    public static List<Answer> of(ClaimContext context, List<Claim> claims, LoadRuns load, RttSweep sweep) {
        return List.of(activation(context, claims, sweep), listing(context, claims), migrations(context, claims, load),
                kpisUnderLoad(claims, load), statement(context));
    }

    static Answer activation(ClaimContext context, List<Claim> claims, RttSweep sweep) {
        Claim claim = find(claims, "6x faster", section -> !section.equals(RttClaims.SECTION));
        CellKey naiveBefore = ActivationClaims.NAIVE_BEFORE;
        CellKey batchedAfter = ActivationClaims.BATCHED_AFTER;
        CellKey batchedBefore = naiveBefore.with(CellKey.BATCHED);
        CellKey naiveAfter = naiveBefore.at(CellKey.AFTER);
        Interval total = context.ratioInterval(naiveBefore, batchedAfter, BetweenRunSpread.ACTIVATION_RATIO);
        if (!total.isFinite()) {
            return new Answer(ACTIVATION, claim.judgement(), claim.judgement().reason());
        }
        Interval batchingBefore = context.ratioInterval(naiveBefore, batchedBefore, BetweenRunSpread.BATCHING_BEFORE);
        Interval batchingAfter = context.ratioInterval(naiveAfter, batchedAfter, BetweenRunSpread.BATCHING_AFTER);
        Interval indexesNaive = context.ratioInterval(naiveBefore, naiveAfter, BetweenRunSpread.INDEXES_NAIVE);
        Interval indexesBatched = context.ratioInterval(batchedBefore, batchedAfter, BetweenRunSpread.INDEXES_BATCHED);
        Source source = source(List.of(batchingBefore, batchingAfter), List.of(indexesNaive, indexesBatched));
        StringBuilder detail = new StringBuilder(total.factor()).append(" naive before / batched after (threshold ")
                .append(Numbers.factor(6 * (1 - Judge.FACTOR_TOLERANCE))).append("), ").append(source.text())
                .append(": indexes alone ").append(indexesNaive.factor()).append(" naive, ")
                .append(indexesBatched.factor()).append(" batched; batching alone ").append(batchingBefore.factor())
                .append(" before the migrations, ").append(batchingAfter.factor()).append(" after");
        claims.stream().filter(rtt -> rtt.section().equals(RttClaims.SECTION) && rtt.verdict() != Verdict.NOT_JUDGED)
                .findFirst().ifPresent(rtt -> sweep.ratio(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE,
                                CellKey.BATCHED, CellKey.AFTER, RttClaims.IMPLIED_RTT_MILLIS)
                        .ifPresent(ratio -> detail.append("; with the ").append(Numbers.ms(RttClaims.IMPLIED_RTT_MILLIS))
                                .append(" round trip the report's own figures imply: ")
                                .append(RttClaims.interval(ratio).factor()).append(", ")
                                .append(rtt.judgement().verdictText())));
        return new Answer(ACTIVATION, claim.judgement(), detail.toString());
    }

    /**
     * Which factor the speedup comes from: one factor when each of its "alone" intervals (at either
     * state of the other factor) lies wholly above each of the other's; NOT_SETTLED when they overlap.
     */
    static Source source(List<Interval> batching, List<Interval> indexes) {
        if (!batching.stream().allMatch(Interval::isFinite) || !indexes.stream().allMatch(Interval::isFinite)) {
            return Source.NOT_MEASURED;
        }
        double batchingLow = batching.stream().mapToDouble(Interval::low).min().orElseThrow();
        double batchingHigh = batching.stream().mapToDouble(Interval::high).max().orElseThrow();
        double indexesLow = indexes.stream().mapToDouble(Interval::low).min().orElseThrow();
        double indexesHigh = indexes.stream().mapToDouble(Interval::high).max().orElseThrow();
        if (indexesLow > batchingHigh) {
            return Source.INDEXES;
        }
        if (batchingLow > indexesHigh) {
            return Source.BATCHING;
        }
        return Source.NOT_SETTLED;
    }

    static Answer listing(ClaimContext context, List<Claim> claims) {
        Claim claim = find(claims, "20x faster", section -> true);
        Interval large = context.ratioInterval(ListingClaims.LARGE_BEFORE, ListingClaims.LARGE_AFTER,
                BetweenRunSpread.LISTING_RATIO);
        if (!large.isFinite()) {
            return new Answer(LISTING, claim.judgement(), claim.judgement().reason());
        }
        Interval page = context.ratioInterval(ListingClaims.PAGE_BEFORE, ListingClaims.PAGE_BEFORE.at(CellKey.AFTER),
                BetweenRunSpread.PAGE_RATIO);
        return new Answer(LISTING, claim.judgement(), large.factor() + " for 1000 records (threshold "
                + Numbers.factor(20 * (1 - Judge.FACTOR_TOLERANCE)) + "); a page of 50: "
                + (page.isFinite() ? page.factor() : "not measured") + "; " + ListingClaims.tableSize(context)
                + ", and a full scan grows with the table while the index scan does not");
    }

    static Answer migrations(ClaimContext context, List<Claim> claims, LoadRuns load) {
        Claim claim = find(claims, "`CREATE INDEX CONCURRENTLY` - No table locks", section -> true);
        Optional<MigrationEvidence> migration = context.evidence().migration();
        if (migration.isEmpty() || claim.verdict() == Verdict.NOT_JUDGED) {
            return new Answer(MIGRATIONS, claim.judgement(), claim.judgement().reason());
        }
        String longest = "not recorded per step";
        MigrationStep worst = null;
        for (MigrationStep step : EvidenceLookup.list(migration.get().steps())) {
            if (MigrationScripts.buildsConcurrently(step).orElse(false) && step.writerMaxMillis() != null
                    && (worst == null || step.writerMaxMillis() > worst.writerMaxMillis())) {
                worst = step;
            }
        }
        if (worst != null) {
            longest = Numbers.ms(worst.writerMaxMillis()) + " (V" + worst.version() + ")";
        }
        StringBuilder detail = new StringBuilder("the concurrent writer's longest insert during an index build ")
                .append(longest).append(", against the ").append(Numbers.ms(SafetyJudge.WRITER_STALL_MILLIS))
                .append(" that counts as blocked; ").append(Numbers.count(migration.get().writerInserts()))
                .append(" inserts, ").append(Numbers.count(migration.get().writerFailures())).append(" failed");
        if (load.evidence().migration() != null && load.evidence().migration().lockSamples() > 0) {
            detail.append("; under load, the longest wait on a table or index lock (any backend) ")
                    .append(Numbers.ms(load.evidence().migration().longestRelationLockWaitMillis()));
        }
        return new Answer(MIGRATIONS, claim.judgement(), detail.toString());
    }

    static Answer kpisUnderLoad(List<Claim> claims, LoadRuns load) {
        if (load.isEmpty()) {
            return new Answer(KPIS, Judgement.notJudged("no load runs"), "this run has no load runs ("
                    + (load.evidence().note() == null ? "none recorded" : load.evidence().note()) + ")");
        }
        Claim p95 = find(claims, "P95 query latency < 50ms (under load)", section -> true);
        Claim utilization = claims.stream().filter(claim -> claim.quote().equals(KpiClaims.POOL_UTILIZATION)
                && claim.source().equals(LoadClaims.SOURCE)).findFirst().orElseThrow();
        Judgement judgement = weakest(List.of(p95.judgement(), utilization.judgement()));
        double budget = load.evidence().kpi().p95Millis();
        String worstP95 = null;
        double worst = Double.NEGATIVE_INFINITY;
        String busiest = null;
        double busy = Double.NEGATIVE_INFINITY;
        for (Run run : LoadClaims.afterWorkloads(load)) {
            for (String type : load.types(run)) {
                Optional<LoadRuns.Latency> latency = load.measured(run, type);
                if (latency.isPresent() && latency.get().p95() > worst) {
                    worst = latency.get().p95();
                    worstP95 = Numbers.ms(worst) + " (" + run.label() + ", " + type + ")";
                }
            }
            Double share = run.poolWait().utilizationP95();
            if (share != null && share > busy) {
                busy = share;
                busiest = Numbers.percent(share) + " (" + run.label() + ")";
            }
        }
        String detail = "after the migrations, the highest p95 from intended start "
                + (worstP95 == null ? Numbers.NOT_AVAILABLE : worstP95) + " against " + Numbers.ms(budget)
                + "; the highest p95 of busy pool connections " + (busiest == null ? "not sampled" : busiest)
                + " against " + Numbers.percent(LoadClaims.UTILIZATION_LIMIT);
        if (judgement.verdict() == Verdict.NOT_JUDGED || judgement.verdict() == Verdict.FAILS) {
            detail = detail + " (" + judgement.reason() + ")";
        }
        return new Answer(KPIS, judgement, detail);
    }

    /**
     * Several verdicts taken together, the weakest deciding: FAILS, then NOT SETTLED, NOT JUDGED, HOLDS
     * ONLY IF (with every distinct condition), HOLDS, BETTER THAN CLAIMED. The reason joins theirs.
     */
    static Judgement weakest(List<Judgement> judgements) {
        List<Verdict> order = List.of(Verdict.FAILS, Verdict.NOT_SETTLED, Verdict.NOT_JUDGED, Verdict.HOLDS_ONLY_IF,
                Verdict.HOLDS, Verdict.BETTER_THAN_CLAIMED);
        Verdict verdict = judgements.stream().map(Judgement::verdict).min(Comparator.comparingInt(order::indexOf))
                .orElseThrow(() -> new IllegalArgumentException("no verdict to take together"));
        List<Judgement> deciding = judgements.stream().filter(judgement -> judgement.verdict() == verdict).toList();
        String reason = String.join("; ", deciding.stream().map(Judgement::reason).toList());
        if (verdict != Verdict.HOLDS_ONLY_IF) {
            return new Judgement(verdict, null, reason);
        }
        Set<String> conditions = new LinkedHashSet<>();
        deciding.forEach(judgement -> conditions.add(judgement.condition()));
        return new Judgement(verdict, String.join(" and ", conditions), reason);
    }

    static Answer statement(ClaimContext context) {
        String notCollected = context.run().evidence().statementStatisticsNotCollected();
        return new Answer(STATEMENT, null, notCollected != null ? notCollected(notCollected,
                context.evidence().statements(CellKey.AFTER))
                : dominant(context.evidence().statements(CellKey.BEFORE), context.evidence().statements(CellKey.AFTER)));
    }

    /** Without pg_stat_statements no statement's time is known: say why, and which still scan, from their plans. */
    static String notCollected(String reason, List<StatementEvidence> after) {
        List<String> scanning = after.stream().filter(statement -> !EvidenceLookup.list(statement.seqScans()).isEmpty())
                .map(statement -> statement.name() + " (" + String.join(", ", statement.seqScans()) + ")").sorted().toList();
        return "not collected: pg_stat_statements could not be read on this server (" + reason + "); still scanning after"
                + " the migrations, from the plans: " + (scanning.isEmpty() ? "none" : String.join(", ", scanning));
    }

    /**
     * The statement that takes the most time after the migrations, its share, whether it still scans a
     * table sequentially (what the report's indexes missed) and whether it already cost the most before.
     */
    static String dominant(List<StatementEvidence> before, List<StatementEvidence> after) {
        Optional<StatementEvidence> costliest = costliest(after);
        if (costliest.isEmpty()) {
            return "not recorded: evidence.json holds no statement of the AFTER measurements";
        }
        StatementEvidence top = costliest.get();
        List<String> scans = EvidenceLookup.list(top.seqScans());
        StringBuilder text = new StringBuilder(top.name()).append(", ").append(Numbers.percent(share(top, after)))
                .append(" of all statement time after the migrations (mean ").append(Numbers.ms(top.meanMillis()))
                .append(" over ").append(Numbers.count(top.calls())).append(" calls); ")
                .append(scans.isEmpty() ? "its plan scans no table sequentially"
                        : "it still scans " + String.join(", ", scans)
                        + " sequentially: the report's indexes do not cover it");
        costliest(before).ifPresent(first -> text.append(first.name().equals(top.name())
                ? "; it cost the most before the migrations too (" + Numbers.percent(share(first, before)) + ")"
                : "; before the migrations " + first.name() + " cost the most (" + Numbers.percent(share(first, before))
                        + ")"));
        return text.toString();
    }

    private static Optional<StatementEvidence> costliest(List<StatementEvidence> statements) {
        return statements.stream().filter(statement -> statement.calls() > 0)
                .max(Comparator.comparingDouble(StatementEvidence::totalMillis)
                        .thenComparing(StatementEvidence::name, Comparator.reverseOrder()));
    }

    private static double share(StatementEvidence statement, List<StatementEvidence> all) {
        double total = all.stream().mapToDouble(StatementEvidence::totalMillis).sum();
        return total > 0 ? statement.totalMillis() / total : Double.NaN;
    }

    private static Claim find(List<Claim> claims, String quote, java.util.function.Predicate<String> section) {
        return claims.stream().filter(claim -> claim.quote().equals(quote) && section.test(claim.section())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no claim \"" + quote + "\" among the run's claims"));
    }
}
