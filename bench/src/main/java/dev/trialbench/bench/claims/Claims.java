package dev.trialbench.bench.claims;

import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.RttSweep;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.List;

/**
 * Every claim of the optimization report that a number of this run can judge, in the report's order:
 * the activation and listing figures ("Performance Improvements Expected"), "Migration Safety" and the
 * "Success Metrics", then the "Additional Recommendations" a run can judge (pgBouncer). Each carries the report's words, the measured figures, a verdict with its reason,
 * its raw source and the command that reproduces the run. The verdict rules and thresholds are in
 * {@link Judge} and {@link SafetyJudge}. Stateless.
 */
public final class Claims {

    private Claims() {
    }

    public static List<Claim> of(RunFolder run) {
        ClaimContext context = ClaimContext.of(run);
        List<Claim> claims = new ArrayList<>(ActivationClaims.of(context));
        RttSweep sweep = RttSweep.read(run);
        if (!sweep.isEmpty()) {
            claims.addAll(RttClaims.of(context, sweep));
        }
        claims.addAll(ListingClaims.of(context));
        claims.addAll(MigrationClaims.of(context));
        List<Claim> underLoad = LoadClaims.of(context, LoadRuns.read(run));
        // With load runs, pool utilization is judged from them, not left "not judged" by the benchmarks.
        KpiClaims.of(context).stream()
                .filter(claim -> underLoad.isEmpty() || !claim.quote().equals(KpiClaims.POOL_UTILIZATION))
                .forEach(claims::add);
        claims.addAll(underLoad);
        claims.addAll(SafetyClaims.of(context));
        claims.addAll(PoolerClaims.of(context));
        claims.addAll(ReplicaClaims.of(context));
        return List.copyOf(claims);
    }

    /** The report's Fix 2 indexes and whether this run's workload used them. */
    public static List<IndexUse> indexUse(RunFolder run) {
        return IndexUse.of(run.evidence().audit());
    }
}
