package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.FraudSignals;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.bench.jmh.SeededDatabase.Seeded;
import dev.trialbench.db.Jdbis;
import dev.trialbench.listing.ReportListing;
import dev.trialbench.listing.ReportSummary;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operations of the benchmark cells do what they say, on a seeded database: activations always
 * succeed with a new device, reset leaves the seeded rows and nothing else, the fraud check writes
 * nothing, listings return full pages. No timings.
 */
class WorkloadTest {

    private final Seeded seeded = SeededDatabase.shared();
    private final Jdbi jdbi = Jdbis.create(seeded.dataSource());
    private final Workload workload = new Workload(jdbi, seeded.plan());

    @AfterEach
    void resetTheReservedPool() {
        workload.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "batched"})
    void everyActivationSucceedsWithANewDeviceAcrossResets(String name) {
        TrialActivation activation = implementation(name);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 50; i++) {
                ActivationResult result = workload.activate(activation);
                assertThat(result.outcome()).as("round %d, activation %d", round, i).isEqualTo(Outcome.ACTIVATED);
                assertThat(result.tokenId()).isNotNull();
            }
            assertThat(workload.outcomes()).isEqualTo(Map.of("ACTIVATED", 50L));
            assertThat(rows(SeedTable.FREE_TRIAL_TOKENS)).isEqualTo(seeded(SeedTable.FREE_TRIAL_TOKENS) + 50);
            assertThat(rows(SeedTable.DEVICE_FINGERPRINTS)).isEqualTo(seeded(SeedTable.DEVICE_FINGERPRINTS) + 50);
            assertThat(SeededDatabase.queryLong(seeded.dataSource(), "SELECT count(*) FROM device_fingerprints"
                    + " WHERE trial_count = 1 AND first_seen_at > now() - interval '1 hour'")).isEqualTo(50);
            workload.reset();
            assertThat(workload.activations()).isZero();
            assertThat(workload.outcomes()).isEmpty();
        }
    }

    @Test
    void resetLeavesExactlyTheSeededRows() {
        for (int i = 0; i < 30; i++) {
            workload.activate(i % 2 == 0 ? new NaiveActivation(jdbi) : new BatchedActivation(jdbi));
        }
        workload.reset();
        Map<SeedTable, Long> expected = new java.util.EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            expected.put(table, seeded.plan().rowCount(table));
        }
        assertThat(SeededDatabase.rowCounts(seeded.dataSource())).isEqualTo(expected);
    }

    @Test
    void resetOnAnUntouchedDatabaseDeletesNothing() {
        Map<SeedTable, Long> before = SeededDatabase.rowCounts(seeded.dataSource());
        workload.reset();
        assertThat(SeededDatabase.rowCounts(seeded.dataSource())).isEqualTo(before);
    }

    @Test
    void fraudCheckReadsExistingUsersAndDevicesAndWritesNothing() {
        Map<SeedTable, Long> before = SeededDatabase.rowCounts(seeded.dataSource());
        Workload naiveSide = new Workload(jdbi, seeded.plan());
        Workload batchedSide = new Workload(jdbi, seeded.plan());
        TrialActivation naive = new NaiveActivation(jdbi);
        TrialActivation batched = new BatchedActivation(jdbi);
        List<FraudSignals> signals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            FraudSignals fromNaive = naiveSide.fraudCheck(naive);
            assertThat(batchedSide.fraudCheck(batched)).as("request %d", i).isEqualTo(fromNaive);
            signals.add(fromNaive);
        }
        assertThat(signals).allSatisfy(read -> assertThat(read.deviceRows()).isPositive());
        assertThat(signals).anySatisfy(read -> assertThat(read.ipSessions24h()).isGreaterThanOrEqualTo(5));
        assertThat(signals).anySatisfy(read -> assertThat(read.userTrials()).isPositive());
        assertThat(signals.stream().map(FraudSignals::toString).distinct().count()).isGreaterThan(10);
        assertThat(SeededDatabase.rowCounts(seeded.dataSource())).isEqualTo(before);
    }

    @Test
    void listingReturnsAPageAndTheLargeListingNewestFirst() {
        for (int i = 0; i < seeded.plan().heavyReportOwnerCount() * 2; i++) {
            assertNewestFirst(workload.listing(ReportListing.PAGE), ReportListing.PAGE);
            assertNewestFirst(workload.listing(ReportListing.LARGE), ReportListing.LARGE);
        }
    }

    @Test
    void selectOneAnswersOne() {
        assertThat(workload.selectOne()).isEqualTo(1);
    }

    @Test
    void activatingPastTheReservedPoolThrowsAClearError() {
        // The last five seeded reserved users: a plan with a reserved pool of five within the seeded one.
        SeedPlan smallPool = SeedPlan.of(seeded.config().withReservedUsers(5));
        Workload small = new Workload(jdbi, smallPool);
        TrialActivation batched = new BatchedActivation(jdbi);
        try {
            assertThat(small.activationCapacity()).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(small.activate(batched).outcome()).isEqualTo(Outcome.ACTIVATED);
            }
            assertThatThrownBy(() -> small.activate(batched))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reserved pool is too small for the iteration time")
                    .hasMessageContaining("--scale")
                    .hasMessageContaining("shorten the iterations");
            assertThat(small.activations()).isEqualTo(5);
        } finally {
            small.reset();
        }
        assertThat(small.activate(batched).outcome()).isEqualTo(Outcome.ACTIVATED);
        small.reset();
    }

    private static void assertNewestFirst(List<ReportSummary> reports, int expected) {
        assertThat(reports).hasSize(expected);
        assertThat(reports).isSortedAccordingTo(Comparator.comparing(ReportSummary::createdAt).reversed());
    }

    private TrialActivation implementation(String name) {
        Function<Jdbi, TrialActivation> factory = name.equals("naive") ? NaiveActivation::new : BatchedActivation::new;
        return factory.apply(jdbi);
    }

    private long rows(SeedTable table) {
        return SeededDatabase.queryLong(seeded.dataSource(), "SELECT count(*) FROM " + table.tableName());
    }

    private long seeded(SeedTable table) {
        return seeded.plan().rowCount(table);
    }
}
