package dev.trialbench.loadtest.simulations;

import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.endpoints.Endpoints;
import java.util.List;

/**
 * A backend's usual mix at an open-model rate: 90 % report listings, 10 % activations. Both request
 * types are held to the budget. Not thread-safe (one instance per run).
 */
public final class MixedSimulation extends MeasuredSimulation {

    public MixedSimulation() {
        super(Scenario.MIXED, settings -> List.of(Endpoints.LISTING, Endpoints.activationType(settings.implementation())));
    }
}
