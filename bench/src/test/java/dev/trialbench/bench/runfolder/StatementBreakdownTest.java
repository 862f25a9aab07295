package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementBreakdownTest {

    @TempDir
    Path temp;

    @Test
    void afterStatementsAreSortedByTotalTimeAndTheCostliestIsNamed() {
        StatementBreakdown breakdown = StatementBreakdown.of(Fixture.read(temp).evidence());

        assertThat(breakdown.after()).extracting(StatementEvidence::schema).containsOnly("after");
        assertThat(breakdown.after()).extracting(StatementEvidence::totalMillis).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(breakdown.costliest()).get().extracting(StatementEvidence::name).isEqualTo("NEWEST_REPORTS");
        assertThat(breakdown.costliestShare()).isBetween(0.0, 1.0);
    }

    @Test
    void planChangesListIndexesGainedAndSeqScansLost() {
        StatementBreakdown breakdown = StatementBreakdown.of(Fixture.read(temp).evidence());

        StatementBreakdown.PlanChange listing = change(breakdown, "NEWEST_REPORTS");
        assertThat(listing.indexesGained()).containsExactly("idx_reports_user_created");
        assertThat(listing.seqScansLost()).containsExactly("reports");
        assertThat(listing.seqScansKept()).isEmpty();
        StatementBreakdown.PlanChange latestCard = change(breakdown, "LATEST_CARD");
        assertThat(latestCard.indexesGained()).isEmpty();
        assertThat(latestCard.seqScansKept()).containsExactly("payment_verifications");
        assertThat(breakdown.planChanges()).extracting(StatementBreakdown.PlanChange::name).isSorted();
    }

    private static StatementBreakdown.PlanChange change(StatementBreakdown breakdown, String name) {
        return breakdown.planChanges().stream().filter(change -> change.name().equals(name)).findFirst().orElseThrow();
    }
}
