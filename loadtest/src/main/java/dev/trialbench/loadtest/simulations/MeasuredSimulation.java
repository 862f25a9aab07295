package dev.trialbench.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;

import dev.trialbench.loadtest.config.LoadSettings;
import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.config.Stage;
import dev.trialbench.loadtest.endpoints.Endpoints;
import dev.trialbench.loadtest.measure.ArrivalClock;
import dev.trialbench.loadtest.measure.IntendedSchedule;
import dev.trialbench.loadtest.measure.LatencyLog;
import dev.trialbench.loadtest.scenarios.Arrivals;
import dev.trialbench.loadtest.scenarios.Scenarios;
import dev.trialbench.loadtest.stack.LocalStack;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every trialbench simulation shares: settings from {@code -D} ({@link LoadSettings}), the
 * service (the given base URL, or a {@link LocalStack} started here and stopped in {@link #after()}),
 * an open-model stair of {@code constantUsersPerSec} steps (warm-up first, then the measured stages,
 * at this injector's share of the rate), the latency log, and assertions from the report's KPIs on
 * the measured requests only (warm-up requests carry another name): for every request type, p95
 * below the budget and failed requests below the budget. Failed assertions make Gatling exit with 2
 * and {@code gatling:test} fail.
 *
 * <p>Gatling's assertions see Gatling's own response time (from the send); the intended-start
 * numbers are in the .hlog files, and {@code LoadRunner} checks the budget on those as well. Not
 * thread-safe (Gatling builds and runs one instance).
 */
abstract class MeasuredSimulation extends Simulation {

    private final LoadSettings settings;
    private final LocalStack stack;
    private final LatencyLog log;

    /** {@code requestTypes} names the request types the assertions hold to the budget, given the settings. */
    MeasuredSimulation(Scenario scenario, Function<LoadSettings, List<String>> requestTypes) {
        this.settings = LoadSettings.fromSystemProperties(scenario);
        // The pipeline seeds with the large reserved pool; the local stack does too, so both agree on the plan.
        SeedConfig seed = SeedConfig.of(settings.seed(), settings.scale(), settings.anchor()).withLargeReservedPool();
        this.stack = settings.baseUrl() == null ? LocalStack.start(seed, settings.schemaAfter()) : null;
        try {
            URI baseUri = stack == null ? settings.baseUrl() : stack.baseUri();
            IntendedSchedule schedule = new IntendedSchedule(settings.injectorWarmup(), settings.injectorStages());
            Arrivals arrivals = new Arrivals(SeedPlan.of(seed), settings);
            this.log = LatencyLog.open(settings.out(), settings.label(), settings.injector());
            Scenarios scenarios = new Scenarios(settings.implementation(), new ArrivalClock(schedule), arrivals, log);
            setUp(scenarios.build(scenario).injectOpen(injection(settings)))
                    .protocols(Endpoints.protocol(baseUri))
                    .assertions(assertions(requestTypes.apply(settings), settings));
            System.out.println("trialbench: " + scenario.label() + " against " + baseUri + ", " + settings.implementation()
                    + ", injector " + settings.injector() + "/" + settings.injectors() + ", warm-up " + settings.injectorWarmup()
                    + ", stages " + settings.injectorStages() + " (per injector), output " + settings.out().toAbsolutePath());
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            }
            throw e;
        }
    }

    private static OpenInjectionStep[] injection(LoadSettings settings) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        steps.add(step(settings.injectorWarmup()));
        settings.injectorStages().forEach(stage -> steps.add(step(stage)));
        return steps.toArray(OpenInjectionStep[]::new);
    }

    private static OpenInjectionStep step(Stage stage) {
        return constantUsersPerSec(stage.ratePerSecond()).during(stage.seconds());
    }

    private static List<Assertion> assertions(List<String> requestTypes, LoadSettings settings) {
        List<Assertion> assertions = new ArrayList<>();
        for (String type : requestTypes) {
            assertions.add(details(type).responseTime().percentile(95.0).lt((int) Math.ceil(settings.kpi().p95Millis())));
            assertions.add(details(type).failedRequests().percent().lt(settings.kpi().failedPercent()));
        }
        return assertions;
    }

    @Override
    public void after() {
        try {
            log.close();
            log.printSummary(System.out);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    LoadSettings settings() {
        return settings;
    }
}
