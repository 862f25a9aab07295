package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationResult.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.trialbench.db.Jdbis;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Naive and batched must decide alike: they share the policy, so any difference would come from
 * reading different signals. The same generated cases are planted in two databases; the naive path
 * activates in one, the batched path in the other, in the same order.
 */
class ActivationAgreementTest {

    private static final int CASES = 220;
    private static final long SEED = 20251023L;

    @ParameterizedTest
    @EnumSource(SchemaState.class)
    void naiveAndBatchedReachTheSameDecisionOnTheSameData(SchemaState state) {
        try (HikariDataSource naiveDb = state.freshDatabase("agree_naive", 4);
             HikariDataSource batchedDb = state.freshDatabase("agree_batched", 4)) {
            Jdbi naiveJdbi = Jdbis.create(naiveDb);
            Jdbi batchedJdbi = Jdbis.create(batchedDb);
            List<Scenario> naiveCases = plant(naiveJdbi);
            List<Scenario> batchedCases = plant(batchedJdbi);
            assertThat(naiveCases).isEqualTo(batchedCases);

            TrialActivation naive = new NaiveActivation(naiveJdbi);
            TrialActivation batched = new BatchedActivation(batchedJdbi);
            TrialActivation batchedOnNaiveData = new BatchedActivation(naiveJdbi);
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Scenario scenario : naiveCases) {
                if (!scenario.label().startsWith("unknown-user")) {
                    assertThat(batchedOnNaiveData.readFraudSignals(scenario.request()))
                            .as("signals of %s", scenario.label())
                            .isEqualTo(naive.readFraudSignals(scenario.request()));
                }
                ActivationResult fromNaive = naive.activate(scenario.request());
                ActivationResult fromBatched = batched.activate(scenario.request());
                assertThat(fromBatched.outcome()).as("outcome of %s", scenario.label()).isEqualTo(fromNaive.outcome());
                assertThat(fromBatched.decision()).as("decision of %s", scenario.label()).isEqualTo(fromNaive.decision());
                outcomes.merge(fromNaive.outcome(), 1, Integer::sum);
            }
            // The generated cases must cover every outcome, or the comparison proves little.
            assertThat(outcomes).containsKeys(Outcome.ACTIVATED, Outcome.DENIED, Outcome.USER_NOT_FOUND);
            assertThat(outcomes.get(Outcome.ACTIVATED)).isGreaterThan(CASES / 10);
            assertThat(outcomes.get(Outcome.DENIED)).isGreaterThan(CASES / 10);
            // And both databases end with the same rows.
            assertThat(new Fixtures(batchedJdbi, new Random()).writtenRows())
                    .isEqualTo(new Fixtures(naiveJdbi, new Random()).writtenRows());
        }
    }

    private static List<Scenario> plant(Jdbi jdbi) {
        Random random = new Random(SEED);
        Fixtures fixtures = new Fixtures(jdbi, random);
        List<Scenario> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(Scenario.plant(fixtures, random));
        }
        return cases;
    }
}
