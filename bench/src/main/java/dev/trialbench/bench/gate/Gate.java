package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunEnvironment;
import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Compares a run with a baseline, tier by tier, into a {@link GateReport}. Read-only: it reads the run
 * and the baseline and writes nothing (the outputs are written by {@link GateCommand}; only
 * {@code trialbench baseline} writes a baseline). A run of another profile, scale or seed than the
 * baseline's is not compared at all: its figures mean something else. Stateless.
 */
public final class Gate {

    public static final List<Integer> ALL_TIERS = List.of(1, 2, 3);

    private Gate() {
    }

    public static GateReport evaluate(RunFolder run, Baseline baseline, Collection<Integer> tiers) {
        return evaluate(run, List.of(), baseline, tiers);
    }

    /**
     * @param confirmations further runs of the same tree: a tier-2 ratio regresses (or improves) only when
     *                      it does in each of them too; tiers 1 and 3 are judged on {@code run} alone
     */
    public static GateReport evaluate(RunFolder run, List<RunFolder> confirmations, Baseline baseline,
                                      Collection<Integer> tiers) {
        List<Integer> asked = tiers.stream().distinct().sorted().toList();
        List<Check> mismatches = new ArrayList<>();
        comparability(run, baseline).ifPresent(mismatches::add);
        confirmations.forEach(confirmation -> comparability(confirmation, baseline).ifPresent(mismatches::add));
        if (!mismatches.isEmpty()) {
            return new GateReport(run.name(), baseline.describe(), asked, mismatches, List.of());
        }
        List<Check> checks = new ArrayList<>();
        if (asked.contains(DeterministicChecks.TIER)) {
            checks.addAll(DeterministicChecks.of(baseline, run));
            checks.addAll(LoadInvariantChecks.of(run));
        }
        if (asked.contains(RatioChecks.TIER)) {
            checks.addAll(RatioChecks.of(baseline, run, confirmations));
            checks.addAll(ServerTimeChecks.of(baseline, run, confirmations));
        }
        if (asked.contains(BudgetChecks.TIER)) {
            checks.addAll(BudgetChecks.of(baseline, run));
        }
        List<String> notes = new ArrayList<>();
        if (asked.contains(DeterministicChecks.TIER)) {
            LoadInvariantChecks.skipped(run).ifPresent(notes::add);
        }
        notes.addAll(notes(run, confirmations, baseline));
        return new GateReport(run.name(), baseline.describe(), asked, checks, notes);
    }

    private static Optional<Check> comparability(RunFolder run, Baseline baseline) {
        RunEnvironment environment = run.environment();
        Baseline.Source source = baseline.source();
        if (source.profile().equals(environment.profile()) && source.scale() == environment.scale()
                && source.seed() == environment.seed()) {
            return Optional.empty();
        }
        String measured = environment.profile() + " profile, scale " + Numbers.plain(environment.scale()) + ", seed "
                + environment.seed();
        return Optional.of(Check.notMeasured(Check.INPUTS, "comparable: profile, scale, seed of " + run.name(), run.name(),
                source.describe(), "the baseline was made at " + source.describe() + "; run " + run.name() + " is "
                        + measured + ": its figures cannot be compared. Gate a run made with --profile "
                        + source.profile() + " --scale " + Numbers.plain(source.scale()) + " --seed " + source.seed()
                        + ", or make a baseline at this profile and scale (trialbench baseline)."));
    }

    private static List<String> notes(RunFolder run, List<RunFolder> confirmations, Baseline baseline) {
        List<String> notes = new ArrayList<>();
        if (!confirmations.isEmpty()) {
            List<String> folders = confirmations.stream().map(confirmation -> confirmation.folder().toString()).toList();
            notes.add("tier 2 confirmed against " + String.join(", ", folders)
                    + ": a ratio fails only when it moves beyond its band in every run; tiers 1 and 3 judge " + run.name());
        }
        List<String> ungated = baseline.ratios().stream().filter(ratio -> !ratio.gated() && ratio.notGatedBecause() == null)
                .map(Baseline.RatioExpectation::name).toList();
        if (!ungated.isEmpty()) {
            notes.add(ungated.size() + " ratios are not gated, too noisy at this profile (3 x their spread across the"
                    + " baseline's runs is above 100 %): " + String.join(", ", ungated));
        }
        List<String> committing = baseline.ratios().stream().filter(ratio -> ratio.notGatedBecause() != null)
                .map(Baseline.RatioExpectation::name).toList();
        if (!committing.isEmpty()) {
            notes.add(committing.size() + " ratios are not gated because " + Tolerances.COMMITS + ": "
                    + String.join(", ", committing));
        }
        List<CellKey> known = baseline.cells().stream().map(Baseline.CellCounts::key).toList();
        for (CellEvidence cell : BaselineBuilder.list(run.evidence().cells())) {
            CellKey key = CellKey.of(cell.benchmark(), cell.method(), cell.schema());
            if (!known.contains(key)) {
                notes.add("cell " + key.label() + " is not in the baseline, so it is not gated; refresh the baseline to gate it");
            }
        }
        List<String> statements = baseline.statements().stream().map(Baseline.StatementShape::label).toList();
        for (StatementEvidence statement : BaselineBuilder.list(run.evidence().statements())) {
            String label = statement.name() + " @ " + statement.schema();
            if (!statements.contains(label)) {
                notes.add("statement " + label + " is not in the baseline, so it is not gated; refresh the baseline to gate it");
            }
        }
        String provider = run.environment().provider();
        if (baseline.source().runs().stream().noneMatch(source -> source.provider() != null && source.provider().equals(provider))) {
            notes.add("this run's PostgreSQL is " + provider + ", the baseline's runs used "
                    + String.join(", ", baseline.source().runs().stream().map(Baseline.SourceRun::provider).distinct().toList())
                    + ": tier 1 should agree; tier 2 ratios may move more than between runs of one provider");
        }
        return notes;
    }
}
