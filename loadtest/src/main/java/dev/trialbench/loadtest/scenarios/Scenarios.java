package dev.trialbench.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.endpoints.Endpoints;
import dev.trialbench.loadtest.measure.ArrivalClock;
import dev.trialbench.loadtest.measure.IntendedSchedule;
import dev.trialbench.loadtest.measure.LatencyLog;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import java.util.UUID;

/**
 * The workloads as Gatling scenarios. Each virtual user is one arrival of the open model and sends
 * exactly one request: it takes its number and intended start from the {@link ArrivalClock}, its
 * payload from {@link Arrivals}, sends, and records completion minus intended start (and the
 * status) in the {@link LatencyLog}. The mixed workload sends {@value #MIXED_ACTIVATION_PERCENT} %
 * activations and the rest listings. Thread-safe (the collaborators are).
 */
public final class Scenarios {

    public static final int MIXED_ACTIVATION_PERCENT = 10;

    private static final String ARRIVAL = "arrival";
    private static final String TYPE = "type";
    private static final String USER = "userId";

    private final String implementation;
    private final ArrivalClock clock;
    private final Arrivals arrivals;
    private final LatencyLog log;

    public Scenarios(String implementation, ArrivalClock clock, Arrivals arrivals, LatencyLog log) {
        this.implementation = implementation;
        this.clock = clock;
        this.arrivals = arrivals;
        this.log = log;
    }

    public ScenarioBuilder build(Scenario kind) {
        ChainBuilder send = switch (kind) {
            case ACTIVATION -> exec(Endpoints.activate(implementation));
            case LISTING -> exec(Endpoints.listing());
            case MIXED -> exec(doIfOrElse(session -> Endpoints.LISTING.equals(session.getString(TYPE)))
                    .then(exec(Endpoints.listing()))
                    .orElse(exec(Endpoints.activate(implementation))));
        };
        return scenario(kind.label())
                .exec(session -> arrive(session, kind))
                .exec(send)
                .exec(this::complete);
    }

    private Session arrive(Session session, Scenario kind) {
        ArrivalClock.Arrival arrival = clock.next();
        boolean activation = switch (kind) {
            case ACTIVATION -> true;
            case LISTING -> false;
            case MIXED -> arrivals.nextIsActivation(MIXED_ACTIVATION_PERCENT / 100.0);
        };
        String type = activation ? Endpoints.activationType(implementation) : Endpoints.LISTING;
        String name = arrival.slot().measured() ? type : LatencyLog.tag(type, IntendedSchedule.WARMUP_LABEL);
        Session next = session.set(ARRIVAL, arrival).set(TYPE, type).set(Endpoints.REQUEST_NAME, name);
        if (activation) {
            Arrivals.Activation request = arrivals.nextActivation();
            return next.set(Endpoints.BODY, request.body()).set(USER, request.userId());
        }
        return next.set(Endpoints.LISTING_USER, arrivals.nextListingUser().toString());
    }

    private Session complete(Session session) {
        long completed = System.nanoTime();
        ArrivalClock.Arrival arrival = session.get(ARRIVAL);
        String type = session.getString(TYPE);
        int status = session.contains(Endpoints.STATUS) ? session.getInt(Endpoints.STATUS) : 0;
        log.record(LatencyLog.tag(type, arrival.slot().stageLabel()), arrival.latencyNanos(completed), status);
        if (!Endpoints.LISTING.equals(type)) {
            UUID user = session.get(USER);
            log.recordActivation(user, status);
        }
        return session;
    }
}
