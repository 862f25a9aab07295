package dev.trialbench.loadtest;

import dev.trialbench.loadtest.config.Kpi;
import dev.trialbench.loadtest.config.LoadSettings;
import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.config.Stage;
import dev.trialbench.seed.SeedConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One load run for {@link LoadRunner}: which workload, against which running service, at which
 * rates, from how many injector JVMs. Rates are totals over all injectors; each injector sends
 * rate / injectors, which must be a whole number. Immutable; validated on construction (through
 * {@link LoadSettings}); thread-safe.
 *
 * @param label             prefix of every output file (letters, digits, '.', '-', '_')
 * @param baseUri           the service under load (the pipeline starts it)
 * @param scenario          the workload
 * @param implementation    naive or batched
 * @param warmup            warm-up stage, never counted in the measured numbers
 * @param stages            measured stages, in order
 * @param injectors         injector JVMs to fork (at least 1)
 * @param seed              the seed configuration the service's database was seeded with
 * @param doubleSubmitShare share in [0, 1) of activations that re-send the previous body
 * @param outputDirectory   where the .hlog, .csv and injector logs go
 * @param kpi               the budget (the report: p95 50 ms, 1 % failed)
 */
public record LoadPlan(String label, URI baseUri, Scenario scenario, String implementation, Stage warmup,
                       List<Stage> stages, int injectors, SeedConfig seed, double doubleSubmitShare,
                       Path outputDirectory, Kpi kpi) {

    public LoadPlan {
        Objects.requireNonNull(baseUri, "baseUri: the runner needs a running service");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(seed, "seed");
        stages = List.copyOf(stages);
        toSettings(label, baseUri, implementation, warmup, stages, injectors, seed, doubleSubmitShare, outputDirectory, kpi, 0);
    }

    /** The settings injector {@code injector} runs with. */
    public LoadSettings settingsFor(int injector) {
        return toSettings(label, baseUri, implementation, warmup, stages, injectors, seed, doubleSubmitShare,
                outputDirectory, kpi, injector);
    }

    /** Seconds of the measured stages together. */
    public int measuredSeconds() {
        return stages.stream().mapToInt(Stage::seconds).sum();
    }

    private static LoadSettings toSettings(String label, URI baseUri, String implementation, Stage warmup, List<Stage> stages,
                                           int injectors, SeedConfig seed, double doubleSubmitShare, Path out, Kpi kpi,
                                           int injector) {
        return new LoadSettings(label, baseUri, implementation, warmup, stages, seed.seed(), seed.scale(), seed.anchor(),
                true, injector, injectors, doubleSubmitShare, out, kpi);
    }
}
