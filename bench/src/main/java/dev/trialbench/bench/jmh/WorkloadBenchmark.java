package dev.trialbench.bench.jmh;

import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.RoundTripDelay;
import org.jdbi.v3.core.Jdbi;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark of this package shares: the seeded database of the target file (opened once
 * per fork, at {@link Level#Trial}), one {@link Workload} and both activation implementations on it.
 *
 * <p>Latency distributions ({@link Mode#SampleTime}: percentiles in the JSON), in microseconds, on one
 * thread. The annotated forks and iterations are the quick profile's, for a benchmark run alone; the
 * pipeline sets them from the run's profile ({@code RunProfile}). {@link #schema} only labels the
 * results: the pipeline migrates the database between runs and passes {@code -p schema=before} or
 * {@code -p schema=after}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class WorkloadBenchmark {

    /** The schema state the database is in: {@code before} or {@code after}. A label, not a switch. */
    @Param({"before"})
    public String schema;

    /**
     * Latency added to every database round trip (statement, commit, rollback), e.g. {@code 0},
     * {@code 1ms}, {@code 5ms}: see {@link RoundTripDelay}. At {@code 0} the DataSource is not wrapped.
     */
    @Param({"0"})
    public String rtt = "0";

    protected Workload workload;
    protected TrialActivation naiveActivation;
    protected TrialActivation batchedActivation;
    /** The delay added to every round trip; null at {@code rtt} 0 (see {@link DelayedTrips}). */
    protected RoundTripDelay delay;
    private BenchTarget target;

    @Setup(Level.Trial)
    public void openTarget() {
        target = BenchTarget.open();
        RoundTripDelay roundTripDelay = RoundTripDelay.of(RoundTripDelay.parse(rtt));
        delay = roundTripDelay.delay().isZero() ? null : roundTripDelay;
        Jdbi jdbi = Jdbis.create(roundTripDelay.wrap(target.dataSource()));
        workload = new Workload(jdbi, target.plan());
        naiveActivation = new NaiveActivation(jdbi);
        batchedActivation = new BatchedActivation(jdbi);
    }

    @TearDown(Level.Trial)
    public void closeTarget() {
        if (target != null) {
            target.close();
        }
    }
}
