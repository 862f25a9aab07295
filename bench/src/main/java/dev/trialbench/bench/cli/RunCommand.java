package dev.trialbench.bench.cli;

import dev.trialbench.bench.pipeline.Pipeline;
import dev.trialbench.bench.profile.RoundTrip;
import dev.trialbench.bench.profile.RunProfile;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trialbench run}: the before/after pipeline, ending in a report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The before/after pipeline: provision, migrate to BEFORE, seed, measure (JMH, statements, plans),",
            "migrate to AFTER under a concurrent writer, measure again, audit indexes, write the run folder and its report."})
public final class RunCommand implements Callable<Integer> {

    /** The smallest scale whose data set has every cell's subjects (two owners of 1000+ reports). */
    static final double MIN_SCALE = 0.01;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--profile", defaultValue = "${env:TRIALBENCH_PROFILE:-quick}",
            description = "quick (scale 0.1, 1 fork, a few minutes) or full (scale 1, 2 forks, for publishing). "
                    + "Default ${DEFAULT-VALUE}. Variable TRIALBENCH_PROFILE.")
    String profile;

    @Option(names = "--scale", defaultValue = "${env:TRIALBENCH_SCALE}",
            description = "Seed scale factor (1 = 100k users, 1M sessions, 500k reports); default: the profile's.")
    String scale;

    @Option(names = "--seed", defaultValue = "${env:TRIALBENCH_SEED:-42}",
            description = "Seed of the generated data (same seed and scale, same rows). Default ${DEFAULT-VALUE}.")
    String seed;

    @Option(names = "--out", defaultValue = "scratch/runs",
            description = "Folder that receives the run's folder. Default ${DEFAULT-VALUE} (ignored by git).")
    Path out;

    @Option(names = "--publish", description = "Write the run under results/ (to be committed) instead of --out.")
    boolean publish;

    @Option(names = "--rtt", split = ",", paramLabel = "RTT",
            description = "Round-trip times to add to every database round trip in a second JMH run of the fraud check"
                    + " and activation, e.g. 1ms,5ms,20ms; 'none' for no sweep. Default: 1ms,5ms,20ms for full, none for quick.")
    List<String> rtt;

    @Option(names = "--keep-database", description = "Do not drop the run's database at the end (--db url only: an embedded or container server is stopped and removed with its data).")
    boolean keepDatabase;

    @Option(names = "--skip-pgbench", description = "Do not load pgbench -i as the seeding-speed reference.")
    boolean skipPgbench;

    @Option(names = "--skip-load", description = "Do not run the Gatling load runs, the pool sweep, the migration under"
            + " load and the pgbench comparison (the migration then runs under the concurrent writer alone).")
    boolean skipLoad;

    @Option(names = "--skip-reliability", description = "Do not run the fault experiments (backend terminations, pool"
            + " exhaustion, timeouts, deadlocks, the server stopped under load, naive vs batched under a race).")
    boolean skipReliability;

    @Option(names = "--skip-pooler", description = "Do not start pgBouncer nor measure through it (its correctness"
            + " probes, one-client cells and several service instances).")
    boolean skipPooler;

    @Override
    public Integer call() {
        var request = database.toRequest(); // a bad --db, URL or --pg-major is refused before the run waits its turn
        if (request.kind() == dev.trialbench.provision.DatabaseKind.EMBEDDED) {
            request.embeddedMajor().requireBinaries(); // so is a major whose binaries are not fetched
        }
        RunProfile chosen = RunProfile.parse(profile);
        String scaleText = scale == null || scale.isBlank() ? chosen.scaleText() : scale;
        SeedConfig parsed = SeedConfig.parse(seed, scaleText, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (parsed.scale() < MIN_SCALE) {
            throw new IllegalArgumentException("--scale must be at least " + MIN_SCALE + " for the pipeline (below it the"
                    + " data set has no report owner with 1000 reports to list), was " + scaleText);
        }
        SeedConfig seedConfig = parsed.withLargeReservedPool();
        String command = "./trialbench run --profile " + chosen.name() + " --scale " + scaleText
                + " --seed " + seed + database.commandPart() + (publish ? " --publish" : "");
        Path outputDirectory = publish ? Path.of("results") : out;
        List<RoundTrip> roundTrips = rtt == null ? chosen.roundTrips() : RoundTrip.parseAll(rtt);
        if (!roundTrips.isEmpty()) {
            command += " --rtt " + String.join(",", RoundTrip.labels(roundTrips));
        }
        if (skipLoad) {
            command += " --skip-load";
        }
        if (skipReliability) {
            command += " --skip-reliability";
        }
        if (skipPooler) {
            command += " --skip-pooler";
        }
        try (var session = dev.trialbench.bench.pipeline.RunSession.start()) { // waits its turn; cleans up on Ctrl-C
            new Pipeline(new Pipeline.Settings(request, chosen, seedConfig, outputDirectory, keepDatabase,
                    skipPgbench, skipReliability, skipPooler, roundTrips, !skipLoad, command), System.out).run();
        }
        return 0;
    }
}
