package dev.trialbench.bench.cli;

import dev.trialbench.bench.pipeline.SmokePipeline;
import dev.trialbench.bench.pipeline.SmokePipeline.Settings;
import dev.trialbench.seed.SeedConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trialbench run}: the before/after pipeline. Until the benchmark issue lands it is a smoke
 * run: provision, migrate to BEFORE, seed, exercise every cell once, migrate to AFTER, again, print.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Before/after pipeline (smoke run): provision, migrate, seed, activate and list before and"
                + " after the report's migrations, and print what happened.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--scale", defaultValue = "${env:TRIALBENCH_SCALE:-0.05}",
            description = "Seed scale factor (1 = 100k users, 1M sessions, 500k reports). Default ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--seed", defaultValue = "${env:TRIALBENCH_SEED:-42}",
            description = "Seed of the generated data (same seed and scale, same rows). Default ${DEFAULT-VALUE}.")
    String seed;

    @Option(names = "--keep-database", description = "Do not drop the run's database at the end (url and container).")
    boolean keepDatabase;

    @Override
    public Integer call() {
        SeedConfig seedConfig = SeedConfig.parse(seed, scale, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        new SmokePipeline(new Settings(database.toRequest(), seedConfig, keepDatabase), System.out).run();
        return 0;
    }
}
