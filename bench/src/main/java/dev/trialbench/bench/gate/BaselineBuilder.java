package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.Ratio;
import dev.trialbench.bench.runfolder.RunEnvironment;
import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Makes a {@link Baseline} from one or more complete runs of the same profile, scale and seed
 * ({@code trialbench baseline}). Tier-1 figures must agree across the runs (they are deterministic;
 * if they do not, something is wrong and no baseline should hide it); shared buffers take the
 * median. Tier-2 ratios take the median over the runs, and their spread and tolerance follow
 * {@link Tolerances}. Stateless.
 */
public final class BaselineBuilder {

    private BaselineBuilder() {
    }

    /**
     * @param runs    complete run folders, read with {@link RunFolder#read}
     * @param command the command that makes the baseline, stored in the file
     * @throws BaselineException when the runs mix profiles, scales or seeds, lack cells, or disagree on a
     *                           deterministic figure
     */
    public static Baseline build(List<RunFolder> runs, String command) {
        if (runs.isEmpty()) {
            throw new BaselineException("a baseline needs at least one run folder (three are intended)");
        }
        Baseline.Source source = source(runs, command);
        List<Baseline.RatioExpectation> ratios = ratios(runs);
        return new Baseline(Baseline.FORMAT, withNote(source, runs.size(), ratios), Tolerances.RULE, cells(runs),
                statements(runs), ratios, Budgets.defaults());
    }

    private static Baseline.Source source(List<RunFolder> runs, String command) {
        RunEnvironment first = runs.get(0).environment();
        List<Baseline.SourceRun> sources = new ArrayList<>();
        for (RunFolder run : runs) {
            RunEnvironment environment = run.environment();
            if (!first.profile().equals(environment.profile()) || first.scale() != environment.scale()
                    || first.seed() != environment.seed()) {
                throw new BaselineException("cannot mix runs: " + describe(runs.get(0)) + " but " + describe(run)
                        + ". A baseline is made from runs of one profile, scale and seed (the CI's: quick, 0.1, 42).");
            }
            List<CellKey> missing = new ArrayList<>(Factorial.of(run.cells()).missing());
            CellKey.EXPECTED.stream().filter(key -> evidenceCell(run, key).isEmpty() && !missing.contains(key))
                    .forEach(missing::add);
            if (!missing.isEmpty()) {
                throw new BaselineException("run " + run.name() + " lacks " + String.join(", ",
                        missing.stream().map(CellKey::label).toList()) + ": a baseline is made from complete runs only");
            }
            sources.add(new Baseline.SourceRun(run.name(), environment.gitSha(), environment.startedAt(),
                    environment.provider(), environment.forks()));
        }
        return new Baseline.Source(first.profile(), first.scale(), first.seed(), sources, "", command);
    }

    private static Baseline.Source withNote(Baseline.Source source, int runCount, List<Baseline.RatioExpectation> ratios) {
        List<String> ungated = ratios.stream().filter(ratio -> !ratio.gated() && ratio.notGatedBecause() == null)
                .map(Baseline.RatioExpectation::name).toList();
        List<String> committing = ratios.stream().filter(ratio -> ratio.notGatedBecause() != null)
                .map(Baseline.RatioExpectation::name).toList();
        String note = runCount == 1
                ? "made from ONE run: the spreads are across its forks only, or the 60 % floor where it ran one fork;"
                + " make the baseline from three runs so that the tolerances reflect run-to-run noise"
                : "spreads measured across " + runCount + " runs (and their forks)";
        if (!ungated.isEmpty()) {
            note += "; NOT GATED, 3 x their spread is above the 100 % cap (too noisy at this profile): "
                    + String.join(", ", ungated);
        }
        if (!committing.isEmpty()) {
            note += "; NOT GATED, " + Tolerances.COMMITS + ": " + String.join(", ", committing);
        }
        return new Baseline.Source(source.profile(), source.scale(), source.seed(), source.runs(), note, source.command());
    }

    private static String describe(RunFolder run) {
        RunEnvironment environment = run.environment();
        return run.name() + " is " + environment.profile() + " at scale " + Numbers.plain(environment.scale())
                + " with seed " + environment.seed();
    }

    private static List<Baseline.CellCounts> cells(List<RunFolder> runs) {
        List<Baseline.CellCounts> cells = new ArrayList<>();
        for (CellKey key : CellKey.EXPECTED) {
            CellEvidence first = evidenceCell(runs.get(0), key).orElseThrow();
            for (RunFolder run : runs) {
                CellEvidence other = evidenceCell(run, key).orElseThrow();
                agree(key.label() + " statements per operation", first.statementsPerOp(), other.statementsPerOp(), runs.get(0), run);
                agree(key.label() + " round trips per operation", first.roundTripsPerOp(), other.roundTripsPerOp(), runs.get(0), run);
            }
            cells.add(new Baseline.CellCounts(key.benchmark(), key.method(), key.schema(), first.statementsPerOp(),
                    first.roundTripsPerOp()));
        }
        return cells;
    }

    private static List<Baseline.StatementShape> statements(List<RunFolder> runs) {
        List<Baseline.StatementShape> shapes = new ArrayList<>();
        for (StatementEvidence first : list(runs.get(0).evidence().statements())) {
            String label = first.name() + " @ " + first.schema();
            List<Double> buffers = new ArrayList<>();
            double serverMillisMax = 0;
            long calls = Long.MAX_VALUE;
            for (RunFolder run : runs) {
                StatementEvidence other = statement(run, first.schema(), first.name()).orElseThrow(() ->
                        new BaselineException("run " + run.name() + " has no statement " + label + " in evidence.json,"
                                + " but " + runs.get(0).name() + " has: the runs were made by different code"));
                if (!sorted(first.indexes()).equals(sorted(other.indexes()))
                        || !sorted(first.seqScans()).equals(sorted(other.seqScans()))) {
                    throw new BaselineException("the plan of " + label + " differs between runs: " + shape(first) + " in "
                            + runs.get(0).name() + ", " + shape(other) + " in " + run.name()
                            + ". Plans are deterministic for the same data; find out why before making a baseline.");
                }
                calls = Math.min(calls, other.calls());
                if (other.calls() > 0) {
                    buffers.add(other.sharedHitPerCall() + other.sharedReadPerCall());
                    serverMillisMax = Math.max(serverMillisMax, other.meanMillis());
                }
            }
            shapes.add(new Baseline.StatementShape(first.schema(), first.name(), sorted(first.indexes()),
                    sorted(first.seqScans()), buffers.isEmpty() ? 0 : Numbers.roundToFourDecimals(median(buffers)),
                    buffers.isEmpty() ? 0 : Numbers.roundToFourDecimals(Collections.max(buffers) - Collections.min(buffers)),
                    Numbers.roundToFourDecimals(serverMillisMax), calls));
        }
        return shapes;
    }

    private static List<Baseline.RatioExpectation> ratios(List<RunFolder> runs) {
        List<Baseline.RatioExpectation> ratios = new ArrayList<>();
        int forks = runs.stream().mapToInt(run -> run.environment().forks()).max().orElse(1);
        for (RatioDefinition definition : RatioDefinition.all()) {
            List<Double> perRun = new ArrayList<>();
            List<Double> samples = new ArrayList<>();
            for (RunFolder run : runs) {
                Ratio ratio = definition.in(Factorial.of(run.cells())).orElseThrow();
                perRun.add(ratio.p50());
                samples.add(ratio.p50());
                if (!ratio.p50Spread().single()) {
                    samples.add(ratio.p50Spread().min());
                    samples.add(ratio.p50Spread().max());
                }
            }
            double value = median(perRun);
            Double spread = samples.size() < 2 ? null
                    : Numbers.roundToFourDecimals((max(samples) - min(samples)) / value);
            double measured = spread == null ? Double.NaN : spread;
            String over = runs.size() + " run" + (runs.size() == 1 ? "" : "s") + " x " + forks + " fork"
                    + (forks == 1 ? "" : "s");
            String spreadSource = spread == null ? over + ": no spread measured, the 60 % floor applies"
                    : runs.size() == 1 ? over + " (fork spread only)" : over;
            String notGatedBecause = Baseline.RatioExpectation.reasonNotGated(definition.numerator(), definition.denominator());
            ratios.add(new Baseline.RatioExpectation(definition.name(), definition.kind(), definition.numerator(),
                    definition.denominator(), definition.direction(), Numbers.roundToFourDecimals(value),
                    samples.stream().map(Numbers::roundToFourDecimals).toList(), spread,
                    spreadSource, Numbers.roundToFourDecimals(Tolerances.ratio(measured)),
                    notGatedBecause == null && Tolerances.gated(measured), notGatedBecause));
        }
        return ratios;
    }

    private static void agree(String what, double first, double other, RunFolder firstRun, RunFolder otherRun) {
        if (Math.abs(first - other) > Tolerances.EXACT) {
            throw new BaselineException("the runs disagree on " + what + ": " + Numbers.perOp(first) + " in "
                    + firstRun.name() + ", " + Numbers.perOp(other) + " in " + otherRun.name()
                    + ". Counts are deterministic for the same code and data; find out why before making a baseline.");
        }
    }

    static Optional<CellEvidence> evidenceCell(RunFolder run, CellKey key) {
        return list(run.evidence().cells()).stream()
                .filter(cell -> key.equals(CellKey.of(cell.benchmark(), cell.method(), cell.schema())))
                .findFirst();
    }

    static Optional<StatementEvidence> statement(RunFolder run, String schema, String name) {
        return list(run.evidence().statements()).stream()
                .filter(statement -> schema.equals(statement.schema()) && name.equals(statement.name()))
                .findFirst();
    }

    static String shape(StatementEvidence statement) {
        return "indexes " + DeterministicChecks.names(sorted(statement.indexes())) + "; seq scans "
                + DeterministicChecks.names(sorted(statement.seqScans()));
    }

    static List<String> sorted(List<String> names) {
        return list(names).stream().sorted().toList();
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
