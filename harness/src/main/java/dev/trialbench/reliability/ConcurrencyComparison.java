package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationFailedException;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.InvariantReport;
import dev.trialbench.activation.Invariants;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.PoolConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Experiment: the same concurrent load against one implementation, with the race made certain, and
 * the invariants counted afterwards ({@link Invariants}). The load:
 * <ul>
 *   <li><b>double clicks</b>: each of {@code doubleClicks} users submits the same activation twice
 *       at once, half of them on a new device, half on a device that another user activated before (so
 *       the naive path updates it instead of inserting it, and no unique index stands in its way);</li>
 *   <li><b>shared new devices</b>: {@code sharedDevices} groups of {@code usersPerDevice} users
 *       activate at once on one device nobody has seen.</li>
 * </ul>
 * The requests of one group meet at a barrier before their first write (a {@link StatementHook}):
 * every naive request has read "no trial, no device" before any of them writes, which is the
 * interleaving a real race produces now and then, here produced every time. The batched path locks
 * before it reads, so the second request of a group never reaches the barrier while the first holds
 * the lock; the first waits {@link #RENDEZVOUS} and goes on alone. The batched path must leave zero
 * violations; the naive path's counts are the report's "risk of data inconsistency". Not
 * thread-safe: one run at a time.
 */
public final class ConcurrencyComparison {

    /** How long a request waits at the barrier for the rest of its group. */
    static final Duration RENDEZVOUS = Duration.ofSeconds(2);

    /**
     * One implementation on one schema state.
     *
     * @param requests         the raced requests
     * @param activated        raced requests answered ACTIVATED (files written before setUpActivations existed
     *                         counted the set-up activations here too: see {@link #racedActivations()})
     * @param denied           raced requests answered DENIED
     * @param failed           raced requests that ended without an answer
     * @param setUpActivations users activated on a device before the race, one at a time, so that half the
     *                         double-click groups race on a known device; not raced, not in {@code requests};
     *                         null in older files
     */
    public record Cell(String implementation, String schema, int requests, int activated, int denied, int failed,
                       InvariantReport invariants, Integer setUpActivations) {

        /** ACTIVATED answers among the raced requests, also for older files (which counted set-up activations in). */
        public int racedActivations() {
            return activated - (setUpActivations != null ? 0 : setUp());
        }

        /** The set-up activations: recorded, or for older files the outcomes beyond one per raced request. */
        public int setUp() {
            return setUpActivations != null ? setUpActivations : Math.max(0, activated + denied + failed - requests);
        }
    }

    private ConcurrencyComparison() {
    }

    public static Cell run(PoolConfig base, Subjects subjects, Implementation implementation, String schema,
                           int doubleClicks, int sharedDevices, int usersPerDevice) {
        List<List<Request>> groups = new ArrayList<>();
        List<UUID> users = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        List<Request> knownDevices = new ArrayList<>();
        for (int i = 0; i < doubleClicks; i++) {
            UUID user = subjects.user();
            String fingerprint = subjects.fingerprint();
            users.add(user);
            fingerprints.add(fingerprint);
            groups.add(List.of(new Request(user, fingerprint), new Request(user, fingerprint)));
            if (i % 2 == 1) {
                UUID earlier = subjects.user();
                users.add(earlier);
                knownDevices.add(new Request(earlier, fingerprint));
            }
        }
        for (int i = 0; i < sharedDevices; i++) {
            String fingerprint = subjects.fingerprint();
            fingerprints.add(fingerprint);
            List<Request> group = new ArrayList<>();
            for (int j = 0; j < usersPerDevice; j++) {
                UUID user = subjects.user();
                users.add(user);
                group.add(new Request(user, fingerprint));
            }
            groups.add(group);
        }
        int requests = groups.stream().mapToInt(List::size).sum();
        Rendezvous rendezvous = new Rendezvous();
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try (HikariDataSource pool = Experiments.pool(base, "trialbench-faults-race", requests)) {
            TrialActivation activation = implementation.create(Jdbis.create(StatementHook.wrap(pool, rendezvous)));
            ConcurrentLinkedQueue<UUID> accepted = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<UUID> denied = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<UUID> setUp = new ConcurrentLinkedQueue<>();
            TrialActivation earlier = implementation.create(Jdbis.create(pool));
            for (Request known : knownDevices) {
                if (earlier.activate(Implementation.request(known.user(), known.fingerprint())).outcome()
                        != ActivationResult.Outcome.ACTIVATED) {
                    throw new IllegalStateException("a fresh user was not activated on a new device");
                }
                setUp.add(known.user());
            }
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (List<Request> group : groups) {
                CyclicBarrier barrier = new CyclicBarrier(group.size());
                for (Request request : group) {
                    outcomes.add(threads.submit(() -> rendezvous.call(barrier, () -> {
                        ActivationResult result = activation.activate(Implementation.request(request.user(), request.fingerprint()));
                        switch (result.outcome()) {
                            case ACTIVATED -> accepted.add(request.user());
                            case DENIED -> denied.add(request.user());
                            case USER_NOT_FOUND -> throw new IllegalStateException("a subject user does not exist");
                        }
                    })));
                }
            }
            int failed = 0;
            for (Future<Boolean> outcome : outcomes) {
                if (!outcome.get(RENDEZVOUS.multipliedBy(30).toSeconds(), TimeUnit.SECONDS)) {
                    failed++;
                }
            }
            List<UUID> activated = new ArrayList<>(setUp);
            activated.addAll(accepted);
            InvariantReport invariants = Invariants.check(pool, activated, denied, users, fingerprints);
            return new Cell(implementation.label(), schema, requests, accepted.size(), denied.size(), failed, invariants,
                    setUp.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a concurrent activation did not finish: " + e, e);
        } finally {
            threads.shutdownNow();
        }
    }

    private record Request(UUID user, String fingerprint) {
    }

    /** Holds each request at its first write until its group is there, or {@link #RENDEZVOUS} passes. */
    private static final class Rendezvous implements StatementHook.Callback {
        private final ThreadLocal<CyclicBarrier> barrier = new ThreadLocal<>();

        /** Runs one activation with the group's barrier; true if it ended with an answer, false if it failed. */
        boolean call(CyclicBarrier group, Runnable activation) {
            barrier.set(group);
            try {
                activation.run();
                return true;
            } catch (ActivationFailedException e) {
                return false;
            } finally {
                barrier.remove();
            }
        }

        @Override
        public void before(int backendPid, String sql) {
            CyclicBarrier group = barrier.get();
            if (group == null || !isWrite(sql)) {
                return;
            }
            barrier.remove();
            try {
                group.await(RENDEZVOUS.toMillis(), TimeUnit.MILLISECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                // The rest of the group is blocked behind a lock (batched): go on alone.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static boolean isWrite(String sql) {
            String name = BackendTermination.statementName(sql);
            return name.startsWith("INSERT_") || name.equals("UPDATE_DEVICE") || name.equals("RECORD_DEVICE");
        }
    }
}
