package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.claims.LoadVerdicts.Outcome;
import dev.trialbench.bench.claims.LoadVerdicts.PgbenchGoal;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.LoadEvidence.PgbenchComparison;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.bench.runfolder.LoadFixture;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load decisions on planted runs: a pool sweep at 10 connections with stairs of 20, 40 and 80/s. */
class LoadVerdictsTest {

    private static final Stage[] STAIRS = {new Stage(20, 2), new Stage(40, 2), new Stage(80, 2)};

    @TempDir
    Path temp;
    private int folders;

    private LoadRuns load(int pgbenchClients, double pgbenchTps, double... p95PerStair) {
        LoadFixture fixture = new LoadFixture();
        fixture.run("pool-sweep-10", "pool-sweep", "batched", "after", STAIRS).pool(10)
                .latency(LoadVerdicts.BATCHED_ACTIVATION, p95PerStair);
        fixture.pgbench(new PgbenchComparison(pgbenchClients, 5, pgbenchTps, 17.0, 35.1, 50.8, 250, 0, "pgbench", null));
        Path folder = Fixture.copy(temp.resolve("run-" + folders++), Fixture.RUN_NAME);
        fixture.write(folder);
        return LoadRuns.read(RunFolder.read(folder));
    }

    private static Outcome outcome(LoadRuns load) {
        return LoadVerdicts.pgbenchGoal(load).map(PgbenchGoal::outcome).orElseThrow();
    }

    @Test
    void kpisAreHeldOrMissedPerRequestTypeNotPerRun() {
        LoadFixture fixture = new LoadFixture();
        fixture.run("mixed-after", "mixed", "batched", "after", STAIRS)
                .latency("listing", 5, 5, 5)
                .latency(LoadVerdicts.BATCHED_ACTIVATION, 20, 40, 200);
        Path folder = Fixture.copy(temp.resolve("per-type"), Fixture.RUN_NAME);
        fixture.write(folder);
        LoadRuns load = LoadRuns.read(RunFolder.read(folder));

        var run = load.runs("mixed").get(0);
        assertThat(LoadVerdicts.kpisHeld(load, run, "listing")).as("listing kept its p95").hasValue(true);
        assertThat(LoadVerdicts.kpisHeld(load, run, LoadVerdicts.BATCHED_ACTIVATION)).hasValue(false);
    }

    @Test
    void theHighestRateWithinTheKpisSkipsAStairThatMissedBelowIt() {
        LoadRuns load = load(10, 50, 60, 20, 200);
        assertThat(LoadVerdicts.highestRateWithinKpis(load, load.runs("pool-sweep").get(0),
                LoadVerdicts.BATCHED_ACTIVATION)).hasValue(40);
    }

    @Test
    void theGoalIsMetWhenTheHighestStairWithinTheKpisReachesIt() {
        assertThat(outcome(load(10, 50, 20, 20, 200))).isEqualTo(Outcome.MET);
    }

    @Test
    void theGoalIsNotSettledWhenItLiesBetweenTheHighestHeldStairAndTheNextOne() {
        assertThat(outcome(load(10, 100, 20, 20, 200))).isEqualTo(Outcome.NOT_SETTLED);
    }

    @Test
    void theGoalIsNotMetWhenTheNextStairMissedBelowIt() {
        assertThat(outcome(load(10, 200, 20, 20, 200))).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void theGoalIsNotShownWhenTheTopStairHeldBelowIt() {
        assertThat(outcome(load(10, 200, 20, 20, 20))).isEqualTo(Outcome.NOT_SHOWN);
    }

    @Test
    void noDecisionWithoutASweepRunAtPgbenchsClients() {
        Optional<PgbenchGoal> goal = LoadVerdicts.pgbenchGoal(load(20, 50, 20, 20, 20));
        assertThat(goal).isEmpty();
    }
}
