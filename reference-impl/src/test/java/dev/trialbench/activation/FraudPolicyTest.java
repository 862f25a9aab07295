package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FraudPolicyTest {

    @Test
    void userDeviceAndIpWithoutHistoryAreAllowedWithScoreZero() {
        FraudDecision decision = FraudPolicy.decide(FraudSignals.NONE);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.score()).isZero();
        assertThat(decision.flags()).isEmpty();
        assertThat(decision.reason()).isEqualTo("no fraud signals");
    }

    @Test
    void userWhoHadATrialIsDenied() {
        FraudDecision decision = FraudPolicy.decide(new FraudSignals(1, 0, 0, 0, 0, false, 0, 0, 0));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.flags()).extracting(FraudFlag::type).containsExactly("USER_PREVIOUS_TRIAL");
        assertThat(decision.reason()).contains("already had a trial");
    }

    @Test
    void blockedDeviceIsDeniedWithTheHighestScore() {
        FraudDecision decision = FraudPolicy.decide(new FraudSignals(0, 0, 0, 1, 0, true, 0, 0, 0));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.score()).isEqualTo(100);
    }

    @Test
    void scoreAddsUpAndIsCappedAt100() {
        FraudDecision decision = FraudPolicy.decide(new FraudSignals(2, 1, 5, 2, 7, true, 50, 3, 9));
        assertThat(decision.score()).isEqualTo(100);
        assertThat(decision.flags()).hasSize(7);
        assertThat(decision.flags().get(0).points()).isEqualTo(100);
    }

    @Test
    void moderateSignalsBelowTheThresholdAreAllowedButFlagged() {
        // device used once (20) + card shared by 2 users (20) + 6 sessions from the IP (10) = 50
        FraudDecision decision = FraudPolicy.decide(new FraudSignals(0, 0, 2, 1, 1, false, 6, 0, 0));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.score()).isEqualTo(50);
        assertThat(decision.reason()).startsWith("low risk");
    }

    @Test
    void reachingTheThresholdDenies() {
        // device used 3 times (50) + card shared by 2 users (20) = 70
        FraudDecision decision = FraudPolicy.decide(new FraudSignals(0, 0, 2, 1, 3, false, 0, 0, 0));
        assertThat(decision.score()).isEqualTo(FraudPolicy.DENY_AT);
        assertThat(decision.allowed()).isFalse();
    }

    @Test
    void openHighFlagsCountTenEachUpToThirty() {
        assertThat(FraudPolicy.decide(new FraudSignals(0, 0, 0, 0, 0, false, 0, 0, 2)).score()).isEqualTo(20);
        assertThat(FraudPolicy.decide(new FraudSignals(0, 0, 0, 0, 0, false, 0, 0, 8)).score()).isEqualTo(30);
    }
}
