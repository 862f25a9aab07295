package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsTest {

    /** The report as the worktrees see it; the test that quotes it skips where it is not there. */
    private static final Path REPORT = Path.of("../../shared/seed/database-optimization-report.md");

    @TempDir
    Path temp;

    @Test
    void judgesEveryClaimOfTheFixtureRun() {
        List<Claim> claims = Claims.of(Fixture.read(temp));

        assertThat(claims).extracting(Claim::quote, Claim::verdict).containsExactly(
                tuple("Trial activation: 6 sequential queries", Verdict.HOLDS_ONLY_IF),
                tuple("~120ms average", Verdict.BETTER_THAN_CLAIMED),
                tuple("Trial activation: 1 batched query", Verdict.HOLDS_ONLY_IF),
                tuple("~20ms average", Verdict.BETTER_THAN_CLAIMED),
                // Its interval is as wide as between-run-spread.properties says: re-taking the baseline can move it.
                tuple("6x faster", Verdict.HOLDS_ONLY_IF),
                tuple("Report listing: Full table scan", Verdict.HOLDS),
                tuple("~200ms for 1000 records", Verdict.BETTER_THAN_CLAIMED),
                tuple("Report listing: Index scan", Verdict.HOLDS),
                tuple("~10ms for 1000 records", Verdict.BETTER_THAN_CLAIMED),
                tuple("20x faster", Verdict.FAILS),
                tuple("`CREATE INDEX CONCURRENTLY` - No table locks", Verdict.HOLDS_ONLY_IF),
                tuple("`IF NOT EXISTS` clauses - Idempotent operations", Verdict.HOLDS),
                tuple("Transaction wrapping - Automatic rollback on failure", Verdict.FAILS),
                tuple("Proper down migrations - Reversible changes", Verdict.FAILS),
                tuple("P95 query latency < 50ms", Verdict.HOLDS),
                tuple("Connection pool utilization < 80%", Verdict.NOT_JUDGED),
                tuple("Zero deadlocks per day", Verdict.HOLDS_ONLY_IF),
                tuple("Transaction rollback rate < 1%", Verdict.HOLDS_ONLY_IF),
                tuple("Index hit ratio > 95%", Verdict.HOLDS),
                // The fixture read here has no reliability.json: the safety claims say so.
                tuple("Data inconsistency on partial failures", Verdict.NOT_JUDGED),
                tuple("Full transaction support with automatic rollback", Verdict.NOT_JUDGED),
                tuple("No query timeout protection", Verdict.NOT_JUDGED),
                tuple("30-second query timeout protection", Verdict.NOT_JUDGED),
                tuple("No connection retry logic", Verdict.NOT_JUDGED),
                tuple("Add missing foreign key constraints with proper cascading", Verdict.NOT_JUDGED),
                tuple("Check for missing indexes", Verdict.NOT_JUDGED),
                tuple("Queries averaging over 100ms", Verdict.NOT_JUDGED),
                // Fix 2 indexes the fixture's workload never scanned.
                tuple("`users.google_id` - No index for OAuth lookups", Verdict.NOT_JUDGED),
                tuple("`users.password_hash` - No index for email/password auth", Verdict.FAILS),
                tuple("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_free_trial_tokens_status", Verdict.NOT_JUDGED),
                tuple("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_device_fingerprints_user", Verdict.NOT_JUDGED),
                tuple("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ascora_jobs_org_status", Verdict.NOT_JUDGED),
                tuple("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ascora_customers_org_email", Verdict.NOT_JUDGED),
                tuple("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reports_covering", Verdict.NOT_JUDGED),
                // The fixture has no pgbouncer.json.
                tuple("Consider pgBouncer for production", Verdict.NOT_JUDGED));
        Claim missing = claims.stream().filter(claim -> claim.quote().equals("No query timeout protection"))
                .findFirst().orElseThrow();
        assertThat(missing.judgement().reason()).isEqualTo("this run has no reliability.json");
        assertThat(claims).allSatisfy(claim -> assertThat(claim.reproduce())
                .isEqualTo("./trialbench run --profile quick --scale 0.05 --seed 42 --publish"));
    }

    @Test
    void theSpeedupClaimShowsBatchingAndIndexesApart() {
        Claim speedup = Claims.of(Fixture.read(temp)).stream().filter(claim -> claim.quote().equals("6x faster"))
                .findFirst().orElseThrow();

        assertThat(speedup.measured()).contains("batching alone: ").contains("indexes alone: ");
        assertThat(speedup.judgement().reason()).contains("estimate, not measured");
    }

    @Test
    void aMissingCellMakesItsClaimsSaySo() {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.JMH_AFTER, text -> text.replace(
                "dev.trialbench.bench.jmh.ActivationBenchmark.batched", "dev.trialbench.bench.jmh.ActivationBenchmark.renamed"));

        List<Claim> claims = Claims.of(RunFolder.read(folder));

        Claim average = claims.stream().filter(claim -> claim.quote().equals("~20ms average")).findFirst().orElseThrow();
        assertThat(average.verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(average.measured()).contains("ActivationBenchmark.batched @ after: MISSING (not in jmh-after.json)");
        Claim p95 = claims.stream().filter(claim -> claim.quote().startsWith("P95")).findFirst().orElseThrow();
        assertThat(p95.judgement().reason()).contains("not measured: ActivationBenchmark.batched");
    }

    @Test
    void unusedFix2IndexesAreFindingsNotFailures() {
        List<IndexUse> uses = Claims.indexUse(Fixture.read(temp));

        assertThat(uses).hasSize(13);
        assertThat(uses).filteredOn(use -> use.index().equals("idx_users_password_hash")).singleElement()
                .satisfies(use -> assertThat(use.finding()).isEqualTo(IndexUse.UNUSED));
        assertThat(uses).filteredOn(use -> use.index().equals("idx_reports_user_created")).singleElement()
                .satisfies(use -> assertThat(use.finding()).isEqualTo("used by the workload"));
        assertThat(uses).filteredOn(use -> use.index().equals("idx_reports_covering")).singleElement()
                .satisfies(use -> assertThat(use.finding()).contains("duplicate"));
    }

    @Test
    void everyQuoteIsTheReportsOwnWords() throws IOException {
        assumeTrue(Files.isRegularFile(REPORT), "the optimization report is not next to this worktree");
        String report = Files.readString(REPORT);

        assertThat(Claims.of(Fixture.read(temp))).allSatisfy(claim -> assertThat(report).contains(claim.quote()));
        assertThat(IndexUse.FIX_2).allSatisfy(index -> assertThat(report).contains(
                index.get(0) + "\n  ON " + index.get(1) + "("));
    }
}
