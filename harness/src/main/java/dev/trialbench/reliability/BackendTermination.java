package dev.trialbench.reliability;

import dev.trialbench.activation.ActivationFailedException;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.reliability.FaultSql.Rows;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Experiment: the server process serving an activation is terminated ({@code pg_terminate_backend}
 * from a second connection) at every point of the activation, one point per attempt: before each
 * statement and before the COMMIT. A {@link StatementHook} stops the caller's thread before round
 * trip k, terminates its backend, waits until it is gone, and lets the round trip go to the dead
 * connection.
 *
 * <p>Two scenarios, each on a fresh user and fingerprint: an activation that succeeds (device and
 * token written) and one that is denied (flags written; the user holds a trial from a clean first
 * activation). For each point it records the rows of that user and fingerprint after the fault and
 * after a retry of the same request, compared with what one clean activation writes:
 * <ul>
 *   <li>a <b>partial write</b>: after the fault, rows changed but not as a whole activation would
 *       change them (a device row without its token, some of a denial's flags);</li>
 *   <li>a <b>clear failure</b>: the caller got an {@link ActivationFailedException} with a SQLState;</li>
 *   <li><b>exactly once</b>: after the retry the rows are those of one clean activation, no more.</li>
 * </ul>
 * The batched path runs in one transaction, so the server rolls back whatever the dead backend had
 * done: zero partial writes at every point. The naive path commits each statement on its own, so a
 * fault between its writes leaves what it wrote so far, and the retry writes again on top.
 * Not thread-safe: one run at a time on the given pool (it needs at least two connections).
 */
public final class BackendTermination {

    /** What happened at one point of one scenario. */
    public record Point(String scenario, int point, String before, boolean failedClearly, String sqlState,
                        boolean partialWrite, boolean exactlyOnceAfterRetry, String rowsAfterFault) {
    }

    /** One implementation's points, and their totals. */
    public record Result(String implementation, int faultsInjected, int failedClearly, int partialWrites,
                         int exactlyOnceAfterRetry, List<Point> points) {
        public Result {
            points = List.copyOf(points);
        }
    }

    private BackendTermination() {
    }

    public static Result run(DataSource pool, Subjects subjects, Implementation implementation) {
        return result(implementation, faults(pool, subjects, implementation));
    }

    /** Every point of both scenarios, with the rows each fault left and what a whole activation writes. */
    static List<Fault> faults(DataSource pool, Subjects subjects, Implementation implementation) {
        KillSwitch killSwitch = new KillSwitch(pool);
        TrialActivation hooked = implementation.create(Jdbis.create(StatementHook.wrap(pool, killSwitch)));
        TrialActivation plain = implementation.create(Jdbis.create(pool));
        List<Fault> faults = new ArrayList<>();
        for (boolean denied : new boolean[] {false, true}) {
            String scenario = denied ? "denied" : "activated";
            // A clean run of the scenario: how many round trips, and what a whole activation writes.
            UUID controlUser = subjects.user();
            String controlFingerprint = subjects.fingerprint();
            prepare(plain, controlUser, controlFingerprint, denied);
            Rows controlBefore = FaultSql.snapshot(pool, controlUser, controlFingerprint);
            killSwitch.arm(Integer.MAX_VALUE);
            hooked.activate(Implementation.request(controlUser, controlFingerprint));
            int roundTrips = killSwitch.seen();
            Rows whole = FaultSql.snapshot(pool, controlUser, controlFingerprint).minus(controlBefore);
            for (int point = 1; point <= roundTrips; point++) {
                faults.add(injectAt(point, scenario, denied, pool, subjects, killSwitch, hooked, plain, whole));
            }
        }
        killSwitch.disarm();
        return List.copyOf(faults);
    }

    static Result result(Implementation implementation, List<Fault> faults) {
        List<Point> points = faults.stream().map(Fault::point).toList();
        return new Result(implementation.label(), points.size(),
                (int) points.stream().filter(Point::failedClearly).count(),
                (int) points.stream().filter(Point::partialWrite).count(),
                (int) points.stream().filter(Point::exactlyOnceAfterRetry).count(), points);
    }

    /** One fault: its point, the rows it left (relative to before the attempt), and a whole activation's rows. */
    record Fault(Point point, Rows afterFault, Rows whole) {
    }

    private static Fault injectAt(int point, String scenario, boolean denied, DataSource pool, Subjects subjects,
                                  KillSwitch killSwitch, TrialActivation hooked, TrialActivation plain, Rows whole) {
        UUID user = subjects.user();
        String fingerprint = subjects.fingerprint();
        prepare(plain, user, fingerprint, denied);
        Rows before = FaultSql.snapshot(pool, user, fingerprint);
        killSwitch.arm(point);
        boolean failedClearly = false;
        String sqlState = null;
        try {
            hooked.activate(Implementation.request(user, fingerprint));
        } catch (ActivationFailedException e) {
            sqlState = e.sqlState();
            failedClearly = sqlState != null;
        } finally {
            killSwitch.disarm();
        }
        Rows afterFault = FaultSql.snapshot(pool, user, fingerprint).minus(before);
        boolean partial = !afterFault.equals(Rows.NONE) && !afterFault.equals(whole);
        plain.activate(Implementation.request(user, fingerprint));
        Rows afterRetry = FaultSql.snapshot(pool, user, fingerprint).minus(before);
        return new Fault(new Point(scenario, point, killSwitch.killedBefore(), failedClearly, sqlState, partial,
                afterRetry.equals(whole), afterFault.toString()), afterFault, whole);
    }

    /** For the denied scenario, a first clean activation, so that the next one is denied. */
    private static void prepare(TrialActivation plain, UUID user, String fingerprint, boolean denied) {
        if (denied) {
            ActivationResult first = plain.activate(Implementation.request(user, fingerprint));
            if (first.outcome() != Outcome.ACTIVATED) {
                throw new IllegalStateException("a fresh user was not activated (" + first.outcome()
                        + "): the experiment needs users and fingerprints without history");
            }
        }
    }

    /** Terminates the backend before round trip number {@code target} of the current attempt. */
    private static final class KillSwitch implements StatementHook.Callback {
        private final DataSource admin;
        private final AtomicInteger seen = new AtomicInteger();
        private volatile int target = Integer.MAX_VALUE;
        private volatile String killedBefore = "";

        KillSwitch(DataSource admin) {
            this.admin = admin;
        }

        void arm(int roundTrip) {
            seen.set(0);
            killedBefore = "";
            target = roundTrip;
        }

        void disarm() {
            target = Integer.MAX_VALUE;
        }

        int seen() {
            return seen.get();
        }

        String killedBefore() {
            return killedBefore;
        }

        @Override
        public void before(int backendPid, String sql) throws SQLException {
            if (seen.incrementAndGet() == target) {
                killedBefore = statementName(sql);
                FaultSql.terminate(admin, backendPid);
            }
        }
    }

    /** "LOCK_USER_AND_DEVICE" from "/* trialbench LOCK_USER_AND_DEVICE * / ...", or COMMIT. */
    static String statementName(String sql) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("/\\* trialbench (\\w+) \\*/").matcher(sql);
        return name.find() ? name.group(1) : sql.length() > 20 ? sql.substring(0, 20) : sql;
    }
}
