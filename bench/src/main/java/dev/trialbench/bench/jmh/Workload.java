package dev.trialbench.bench.jmh;

import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.FraudSignals;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.listing.ReportListing;
import dev.trialbench.listing.ReportSummary;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What one operation of each benchmark cell is, defined once: the JMH benchmarks time these methods
 * and {@link CellEvidenceCollector} counts their statements, so both see the very same code.
 *
 * <ul>
 *   <li>{@link #selectOne()}: {@code SELECT 1}, the round-trip floor.</li>
 *   <li>{@link #fraudCheck}: the fraud read alone, for existing users and devices, from their home
 *       IP and from busy NAT addresses in turn. The requests rotate deterministically over
 *       {@value #FRAUD_RING} requests spread evenly across all active users and all seeded devices,
 *       so the reads touch as many different pages as a real mix would, not one hot row.</li>
 *   <li>{@link #activate}: a whole activation that succeeds and records a new device: each operation
 *       takes the next reserved user, reserved fingerprint and reserved IP (none of which any row
 *       mentions), so every operation does the same work. A reserved user is never reused before
 *       {@link #reset()}: a second activation would be a denial, which is other work.</li>
 *   <li>{@link #listing}: a heavy report owner's newest reports, owners in turn.</li>
 * </ul>
 * Requests are built at construction, outside any measurement. Not thread-safe (cursors): one
 * instance per benchmark thread.
 */
public final class Workload {

    /** Fraud-check requests in the rotation (fewer when the data set has fewer active users). */
    static final int FRAUD_RING = 16_384;
    private static final Map<String, String> DEVICE_DATA = Map.of("os", "linux", "browser", "jmh", "screen", "1920x1080");

    private final Jdbi jdbi;
    private final SeedPlan plan;
    private final ReportListing reportListing;
    private final ActivationRequest[] fraudRequests;
    private final ActivationRequest[] activationRequests;
    private final List<UUID> reservedUsers;
    private final List<String> reservedFingerprints;
    private final UUID[] listingOwners;
    private final int[] outcomes = new int[ActivationResult.Outcome.values().length];
    private int fraudCursor;
    private int activationCursor;
    private int listingCursor;

    public Workload(Jdbi jdbi, SeedPlan plan) {
        this.jdbi = jdbi;
        this.plan = plan;
        this.reportListing = new ReportListing(jdbi);
        this.fraudRequests = fraudRequests(plan);
        this.activationRequests = activationRequests(plan);
        List<UUID> users = new ArrayList<>(activationRequests.length);
        List<String> fingerprints = new ArrayList<>(activationRequests.length);
        for (int k = 0; k < activationRequests.length; k++) {
            users.add(plan.reservedUser(k));
            fingerprints.add(plan.reservedFingerprint(k));
        }
        this.reservedUsers = List.copyOf(users);
        this.reservedFingerprints = List.copyOf(fingerprints);
        this.listingOwners = new UUID[plan.heavyReportOwnerCount()];
        for (int i = 0; i < listingOwners.length; i++) {
            listingOwners[i] = plan.heavyReportOwner(i);
        }
    }

    /** {@code SELECT 1}: one round trip that does no work, the floor every other cell is compared to. */
    public int selectOne() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    /** The fraud read alone (no lock, no write) for the next request of the rotation. */
    public FraudSignals fraudCheck(TrialActivation activation) {
        ActivationRequest request = fraudRequests[fraudCursor];
        fraudCursor = fraudCursor + 1 == fraudRequests.length ? 0 : fraudCursor + 1;
        return activation.readFraudSignals(request);
    }

    /**
     * A whole activation (its commit included) for the next fresh reserved user and device.
     *
     * @throws IllegalStateException when the reserved pool is used up since the last {@link #reset()}
     */
    public ActivationResult activate(TrialActivation activation) {
        if (activationCursor == activationRequests.length) {
            throw new IllegalStateException("The reserved pool is too small for the iteration time: all "
                    + activationRequests.length + " reserved users (and devices) were activated within one"
                    + " iteration, and reusing one would measure a denial instead of an activation. Seed a larger"
                    + " scale (--scale; the pool is 20% of the users, at least 200), or more reserved users"
                    + " (SeedConfig.withReservedUsers/withReservedDevices), or shorten the iterations"
                    + " (JMH -r / -w, or the QUICK profile).");
        }
        ActivationResult result = activation.activate(activationRequests[activationCursor++]);
        outcomes[result.outcome().ordinal()]++;
        return result;
    }

    /** The newest {@code limit} live reports of the next heavy owner ({@link ReportListing#PAGE} or {@link ReportListing#LARGE}). */
    public List<ReportSummary> listing(int limit) {
        if (listingOwners.length == 0) {
            throw new IllegalStateException("The data set has no heavy report owner to list: seed scale "
                    + plan.config().scale() + " is too small (at least 0.0084 holds two).");
        }
        UUID owner = listingOwners[listingCursor];
        listingCursor = listingCursor + 1 == listingOwners.length ? 0 : listingCursor + 1;
        return reportListing.newestReports(owner, limit);
    }

    /**
     * Deletes what activations of the whole reserved pool wrote (tokens, devices, flags; see
     * {@link ReservedPoolReset}), so the pool is fresh again, and rewinds the activation cursor and the
     * outcome counts. Safe to call on a database no activation has touched.
     */
    public void reset() {
        ReservedPoolReset.run(jdbi, reservedUsers, reservedFingerprints);
        activationCursor = 0;
        Arrays.fill(outcomes, 0);
    }

    /** Activations since the last {@link #reset()}. */
    public int activations() {
        return activationCursor;
    }

    /** Activations the reserved pool allows between two resets: min(reserved users, reserved devices). */
    public int activationCapacity() {
        return activationRequests.length;
    }

    /** Outcomes of the activations since the last {@link #reset()}, by outcome name; absent outcomes omitted. */
    public Map<String, Long> outcomes() {
        Map<String, Long> named = new LinkedHashMap<>();
        for (ActivationResult.Outcome outcome : ActivationResult.Outcome.values()) {
            if (outcomes[outcome.ordinal()] > 0) {
                named.put(outcome.name(), (long) outcomes[outcome.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(named);
    }

    public SeedPlan plan() {
        return plan;
    }

    private static ActivationRequest[] fraudRequests(SeedPlan plan) {
        long users = plan.activeUserCount();
        long devices = plan.rowCount(SeedTable.DEVICE_FINGERPRINTS);
        int size = (int) Math.min(FRAUD_RING, users);
        ActivationRequest[] requests = new ActivationRequest[size];
        for (int r = 0; r < size; r++) {
            long user = r * users / size;
            String ip = r % 2 == 0 ? plan.homeIp(user) : plan.busyIp((r / 2) % plan.busyIpCount());
            requests[r] = new ActivationRequest(plan.activeUser(user).toString(),
                    plan.existingFingerprint(r * devices / size), DEVICE_DATA, ip);
        }
        return requests;
    }

    private static ActivationRequest[] activationRequests(SeedPlan plan) {
        int size = Math.min(plan.reservedUserCount(), plan.reservedDeviceCount());
        ActivationRequest[] requests = new ActivationRequest[size];
        for (int k = 0; k < size; k++) {
            requests[k] = new ActivationRequest(plan.reservedUser(k).toString(), plan.reservedFingerprint(k),
                    DEVICE_DATA, plan.reservedIp(k));
        }
        return requests;
    }
}
