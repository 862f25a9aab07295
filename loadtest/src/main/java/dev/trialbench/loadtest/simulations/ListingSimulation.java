package dev.trialbench.loadtest.simulations;

import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.endpoints.Endpoints;
import java.util.List;

/**
 * Report listing ({@code GET /users/{id}/reports?limit=50}) at an open-model rate: heavy report
 * owners one time in five, other active users otherwise. Not thread-safe (one instance per run).
 */
public final class ListingSimulation extends MeasuredSimulation {

    public ListingSimulation() {
        super(Scenario.LISTING, settings -> List.of(Endpoints.LISTING));
    }
}
