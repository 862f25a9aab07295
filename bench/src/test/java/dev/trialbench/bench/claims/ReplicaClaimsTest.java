package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.bench.render.Reports;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence.LagSample;
import dev.trialbench.bench.runfolder.ReplicaEvidence.Phase;
import dev.trialbench.bench.runfolder.ReplicaEvidence.ReadYourWrites;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-replica claim and section from a planted {@code replica.json} in the fixture run: the claim
 * row is there with the report's own words, judged from the rounds and the probes, and the report
 * renders the section; a run without the file has neither.
 */
class ReplicaClaimsTest {

    private static final Path REPORT = Path.of("../../shared/seed/database-optimization-report.md");

    @TempDir
    Path temp;

    static ReplicaEvidence planted(double primaryP95, double replicaP95, int stale) {
        return new ReplicaEvidence(null, "a streaming replica (planted)", true, 2, 2, List.of(
                new Phase(1, ReplicaEvidence.ALONE, 3, 300, 0, 4, 6, 8, 0, 0, 1.2),
                new Phase(1, ReplicaEvidence.ON_PRIMARY, 3, 200, 0, 6, primaryP95, 20, 30, 0, 2.4),
                new Phase(1, ReplicaEvidence.ON_REPLICA, 3, 280, 0, 4, replicaP95, 9, 40, 0, 1.4)),
                List.of(new LagSample(6.2, 8192, 0.4, 0.9, 1.3), new LagSample(6.5, 0, null, null, null)),
                new ReadYourWrites(100, stale, 0, 5000, stale == 0 ? null : 0.8, stale == 0 ? null : 1.5,
                        stale == 0 ? null : 2.1));
    }

    @Test
    void aPlantedReplicaFileGivesTheClaimRowAndTheSection() throws IOException {
        Path folder = Fixture.copy(temp);
        new ObjectMapper().writeValue(folder.resolve(ReplicaEvidence.FILE).toFile(), planted(15, 7, 60));
        RunFolder run = RunFolder.read(folder);

        Claim claim = Claims.of(run).stream().filter(each -> each.quote().equals(ReplicaClaims.QUOTE)).findFirst().orElseThrow();
        assertThat(claim.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(claim.judgement().condition()).contains("stay on the primary");
        assertThat(claim.measured()).contains("60 of 100 reads on the replica");

        Reports.write(folder);
        String markdown = Files.readString(folder.resolve("report.md"));
        assertThat(markdown).contains("## Read replica").contains("Replication lag under the write load")
                .contains("Implement read replicas");
    }

    @Test
    void aRunWithoutTheFileHasNoReplicaClaim() {
        assertThat(Claims.of(Fixture.read(temp))).noneMatch(claim -> claim.quote().equals(ReplicaClaims.QUOTE));
    }

    @Test
    void theQuoteAndTheSectionAreTheReportsOwnWords() throws IOException {
        assumeTrue(Files.isRegularFile(REPORT), "the optimization report is not next to this worktree");
        String report = Files.readString(REPORT);
        assertThat(report).contains("**" + ReplicaClaims.QUOTE + "**: For scaling read-heavy workloads");
        assertThat(ReplicaClaims.SECTION).contains("\"For scaling read-heavy workloads\"");
    }

    @Test
    void aSkippedReplicaIsNotJudgedWithItsReason() throws IOException {
        Path folder = Fixture.copy(temp);
        new ObjectMapper().writeValue(folder.resolve(ReplicaEvidence.FILE).toFile(),
                ReplicaEvidence.skipped("a replica is made only of an embedded server"));
        Claim claim = Claims.of(RunFolder.read(folder)).stream().filter(each -> each.quote().equals(ReplicaClaims.QUOTE))
                .findFirst().orElseThrow();
        assertThat(claim.verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(claim.judgement().reason()).contains("only of an embedded server");
    }
}
