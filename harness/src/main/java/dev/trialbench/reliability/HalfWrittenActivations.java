package dev.trialbench.reliability;

import dev.trialbench.db.Migrations;
import dev.trialbench.reliability.BackendTermination.Fault;
import dev.trialbench.reliability.FaultSql.Rows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Evidence for the optimization report's "Risk: Data inconsistency on partial failures" (before) and
 * "Full transaction support with automatic rollback" (after): the backend is terminated between the
 * writes of an activation ({@link BackendTermination}, every point of an activation that is granted
 * and of one that is denied), and each fault's leftovers are named: an activation is
 * <b>half-written</b> when the fault left some of its rows and not others. The kinds an activation can
 * leave half-written, from what it writes (a device row or one more trial on it, and a token; or a
 * denial's flags):
 * <ul>
 *   <li>{@value #DEVICE_WITHOUT_TOKEN}: the device row (or its trial count) committed, the token not;</li>
 *   <li>{@value #TOKEN_WITHOUT_DEVICE}: the token committed, the device's row or trial not;</li>
 *   <li>{@value #SOME_FLAGS}: some of a denial's flags committed, not all;</li>
 *   <li>{@value #OTHER}: any other change that is neither nothing nor a whole activation.</li>
 * </ul>
 * The schema (before or after the migrations) is read from the migration history, so one path can
 * be measured on both. Not thread-safe: one run at a time on the given pool (at least two connections).
 *
 * @param implementation  naive or batched
 * @param schema          the schema state the path ran on ({@code before}, {@code after})
 * @param faultsInjected  backend terminations, one per point of each scenario
 * @param halfWritten     faults that left an activation half-written (goal for the batched path: 0)
 * @param byKind          half-written activations per kind (only kinds that occurred)
 * @param halfWrittenAt   "scenario: killed before STATEMENT -> kind" for each half-written activation
 * @param detail          the termination experiment's own record of every point
 */
public record HalfWrittenActivations(String implementation, String schema, int faultsInjected, int halfWritten,
                                     Map<String, Integer> byKind, List<String> halfWrittenAt,
                                     BackendTermination.Result detail) {

    public static final String DEVICE_WITHOUT_TOKEN = "device row or trial without its token";
    public static final String TOKEN_WITHOUT_DEVICE = "token without its device row or trial";
    public static final String SOME_FLAGS = "some of a denial's flags";
    public static final String OTHER = "other partial change";

    public HalfWrittenActivations {
        byKind = Collections.unmodifiableMap(new TreeMap<>(byKind)); // sorted: Map.copyOf iterates in a per-JVM order, and a report must regenerate byte for byte
        halfWrittenAt = List.copyOf(halfWrittenAt);
    }

    /** Terminates the backend at every point of {@code implementation}'s activation on the pool's database. */
    public static HalfWrittenActivations measure(DataSource pool, Subjects subjects, Implementation implementation) {
        String schema = new Migrations(pool).state().name().toLowerCase(Locale.ROOT);
        List<Fault> faults = BackendTermination.faults(pool, subjects, implementation);
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> where = new ArrayList<>();
        for (Fault fault : faults) {
            String kind = kind(fault.afterFault(), fault.whole());
            if (kind != null) {
                byKind.merge(kind, 1, Integer::sum);
                where.add(fault.point().scenario() + ": killed before " + fault.point().before() + " -> " + kind);
            }
        }
        return new HalfWrittenActivations(implementation.label(), schema, faults.size(), where.size(), byKind, where,
                BackendTermination.result(implementation, faults));
    }

    /** The kind of half-written activation the rows show, or null when they are nothing or a whole activation. */
    static String kind(Rows afterFault, Rows whole) {
        if (afterFault.equals(Rows.NONE) || afterFault.equals(whole)) {
            return null;
        }
        boolean deviceWritten = afterFault.devices() > 0 || afterFault.deviceTrials() > 0;
        boolean wholeHasDevice = whole.devices() > 0 || whole.deviceTrials() > 0;
        if (whole.tokens() > 0 && afterFault.tokens() == 0 && deviceWritten && afterFault.flags() == 0) {
            return DEVICE_WITHOUT_TOKEN;
        }
        if (afterFault.tokens() > 0 && wholeHasDevice && !deviceWritten && afterFault.flags() == 0) {
            return TOKEN_WITHOUT_DEVICE;
        }
        if (whole.flags() > 0 && afterFault.flags() > 0 && afterFault.flags() < whole.flags()
                && afterFault.tokens() == 0 && !deviceWritten) {
            return SOME_FLAGS;
        }
        return OTHER;
    }
}
