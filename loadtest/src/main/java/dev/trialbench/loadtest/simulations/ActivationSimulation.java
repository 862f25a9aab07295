package dev.trialbench.loadtest.simulations;

import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.endpoints.Endpoints;
import java.util.List;

/**
 * Trial activations at an open-model rate ({@code trialbench.implementation}: naive or batched),
 * first-time users on unseen devices from the reserved pool, with double submits. The default
 * simulation of {@code mvn -pl loadtest gatling:test}. Not thread-safe (one instance per run).
 */
public final class ActivationSimulation extends MeasuredSimulation {

    public ActivationSimulation() {
        super(Scenario.ACTIVATION, settings -> List.of(Endpoints.activationType(settings.implementation())));
    }
}
