package dev.trialbench.bench.gate;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.LoadEvidence;
import dev.trialbench.bench.runfolder.LoadEvidence.Invariants;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tier 1 from {@code load.json}: what every load run left in the database. A batched (or listing) run
 * with any invariant violation (a user with two trials, a duplicated device row, a 201 without a token,
 * a 403 without a fraud flag) is a regression whatever the machine: the batched path serializes each
 * user, so no amount of load excuses it. The naive path's violations are the report's "risk": shown,
 * never gated. A run without {@code load.json} has none of these checks, and the gate says so in a
 * note rather than a "not measured" row (the baseline's runs have no load runs either).
 *
 * <p>Not checked: that the 201 and 403 users add up to the activation responses, because
 * {@code load.json} counts statuses over the measured stages only while the invariants cover the
 * warm-up too (and double clicks answer one user twice), so no sum is certain. Stateless.
 */
final class LoadInvariantChecks {

    private LoadInvariantChecks() {
    }

    static List<Check> of(RunFolder run) {
        List<Check> checks = new ArrayList<>();
        run.loadEvidence().ifPresent(evidence -> evidence.runs().forEach(loadRun -> checks.add(invariants(loadRun))));
        return checks;
    }

    /** The gate's note when the run has no load runs, or empty. */
    static Optional<String> skipped(RunFolder run) {
        Optional<LoadEvidence> evidence = run.loadEvidence();
        if (evidence.isPresent() && !evidence.get().runs().isEmpty()) {
            return Optional.empty();
        }
        String why = evidence.map(LoadEvidence::note).orElse("this run has no " + LoadEvidence.FILE);
        return Optional.of("load invariants not measured: " + (why == null ? LoadEvidence.FILE + " lists no load run" : why)
                + "; tier 1 checks no load run");
    }

    private static Check invariants(Run run) {
        String name = "invariants " + run.label();
        Invariants invariants = run.invariants();
        if (invariants == null) {
            return Check.notMeasured(DeterministicChecks.TIER, name, run.label(), "0 violations", "load run "
                    + run.label() + ": load.json has no invariants for it (they are checked after every run)");
        }
        boolean gated = !CellKey.NAIVE.equals(run.implementation());
        String measured = invariants.violations() == 0 ? "0 violations" : String.join(", ", violations(invariants));
        String message = "";
        if (invariants.violations() > 0) {
            message = "load run " + run.label() + " (" + (run.implementation() == null ? "listing" : run.implementation())
                    + "): " + measured + (gated ? "" : "; expected of the naive path (the report's risk), not gated");
        }
        GateVerdict verdict = gated && invariants.violations() > 0 ? GateVerdict.REGRESSION : GateVerdict.PASS;
        return new Check(DeterministicChecks.TIER, name, run.label(), "0 violations", measured,
                gated ? "exact" : "not gated (naive)", Direction.EXACT, verdict, message);
    }

    private static List<String> violations(Invariants invariants) {
        List<String> found = new ArrayList<>();
        add(found, invariants.usersWithTwoActiveTrials(), "users with two active trials");
        add(found, invariants.usersWithTwoTrials(), "users with two trials");
        add(found, invariants.duplicatedDeviceRows(), "duplicated device rows");
        add(found, invariants.acceptedWithoutToken(), "201 without a token");
        add(found, invariants.deniedWithoutFlags(), "403 without a fraud flag");
        return found;
    }

    private static void add(List<String> found, long count, String what) {
        if (count > 0) {
            found.add(what + ": " + count);
        }
    }
}
