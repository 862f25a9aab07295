package dev.trialbench.activation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trialbench.activation.ActivationRequest.ValidRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Binds and runs the statements of {@link ActivationSql} on a handle; shared by both
 * implementations so that a statement is bound the same way wherever it runs. Stateless.
 */
final class ActivationStatements {

    private ActivationStatements() {
    }

    static boolean userExists(Handle handle, ValidRequest request) {
        return handle.createQuery(ActivationSql.FIND_USER)
                .bind("userId", request.userId())
                .mapTo(UUID.class)
                .findOne()
                .isPresent();
    }

    static boolean lockUserAndDevice(Handle handle, ValidRequest request) {
        return handle.createQuery(ActivationSql.LOCK_USER_AND_DEVICE)
                .bind("userId", request.userId())
                .bind("fingerprint", request.fingerprintHash())
                .map((rows, context) -> rows.getObject("user_id", UUID.class))
                .findOne()
                .isPresent();
    }

    /** The naive path: six statements, six round trips. */
    static FraudSignals sixFraudReads(Handle handle, ValidRequest request) {
        long[] trials = handle.createQuery(ActivationSql.USER_TRIALS)
                .bind("userId", request.userId())
                .map((rows, context) -> new long[] {rows.getLong("user_trials"), rows.getLong("user_active_trials")})
                .one();
        Optional<String> card = handle.createQuery(ActivationSql.LATEST_CARD)
                .bind("userId", request.userId())
                .mapTo(String.class)
                .findOne();
        long cardUsers = handle.createQuery(ActivationSql.CARD_USERS)
                .bind("card", card.orElse(null))
                .mapTo(Long.class)
                .one();
        long[] device = handle.createQuery(ActivationSql.DEVICE)
                .bind("fingerprint", request.fingerprintHash())
                .map((rows, context) -> new long[] {
                    rows.getLong("device_rows"), rows.getLong("device_trials"), rows.getBoolean("device_blocked") ? 1 : 0})
                .one();
        long ipSessions = handle.createQuery(ActivationSql.IP_SESSIONS)
                .bind("ip", request.ipAddress())
                .mapTo(Long.class)
                .one();
        long[] flags = handle.createQuery(ActivationSql.OPEN_FLAGS)
                .bind("userId", request.userId())
                .bind("fingerprint", request.fingerprintHash())
                .map((rows, context) -> new long[] {rows.getLong("open_critical_flags"), rows.getLong("open_high_flags")})
                .one();
        return new FraudSignals(trials[0], trials[1], cardUsers, device[0], device[1], device[2] == 1,
                ipSessions, flags[0], flags[1]);
    }

    /** The batched path: the same six questions in one statement, one round trip, one row. */
    static FraudSignals allFraudSignals(Handle handle, ValidRequest request) {
        return handle.createQuery(ActivationSql.ALL_FRAUD_SIGNALS)
                .bind("userId", request.userId())
                .bind("fingerprint", request.fingerprintHash())
                .bind("ip", request.ipAddress())
                .map((rows, context) -> signals(rows))
                .one();
    }

    private static FraudSignals signals(ResultSet rows) throws SQLException {
        return new FraudSignals(rows.getLong("user_trials"), rows.getLong("user_active_trials"),
                rows.getLong("card_users"), rows.getLong("device_rows"), rows.getLong("device_trials"),
                rows.getBoolean("device_blocked"), rows.getLong("ip_sessions_24h"),
                rows.getLong("open_critical_flags"), rows.getLong("open_high_flags"));
    }

    /** Naive: one INSERT per flag, each its own round trip (and, in autocommit, its own commit). */
    static void insertFlagsOneByOne(Handle handle, ValidRequest request, FraudDecision decision) {
        for (FraudFlag flag : decision.flags()) {
            bindFlag(handle.createUpdate(ActivationSql.INSERT_FLAG), request, decision, flag).execute();
        }
    }

    /** Batched: the same INSERT for every flag, sent as one JDBC batch. */
    static void insertFlagsAsBatch(Handle handle, ValidRequest request, FraudDecision decision) {
        PreparedBatch batch = handle.prepareBatch(ActivationSql.INSERT_FLAG);
        for (FraudFlag flag : decision.flags()) {
            bindFlag(batch, request, decision, flag).add();
        }
        batch.execute();
    }

    private static <T extends SqlStatement<T>> T bindFlag(T statement, ValidRequest request, FraudDecision decision,
                                                          FraudFlag flag) {
        return statement.bind("flagId", UUID.randomUUID())
                .bind("userId", request.userId())
                .bind("fingerprint", request.fingerprintHash())
                .bind("ip", request.ipAddress())
                .bind("flagType", flag.type())
                .bind("severity", flag.severity().dbValue())
                .bind("fraudScore", decision.score())
                .bind("details", details(flag));
    }

    /**
     * Records the device: {@link ActivationSql#INSERT_DEVICE} when the fraud read found no row for
     * it, else {@link ActivationSql#UPDATE_DEVICE}. Both paths decide here, from the read they made.
     */
    static void recordDevice(Handle handle, ValidRequest request, FraudSignals signals) {
        if (signals.deviceRows() == 0) {
            insertDevice(handle, request);
        } else {
            updateDevice(handle, request);
        }
    }

    private static void insertDevice(Handle handle, ValidRequest request) {
        handle.createUpdate(ActivationSql.INSERT_DEVICE)
                .bind("fingerprintId", UUID.randomUUID())
                .bind("userId", request.userId())
                .bind("fingerprint", request.fingerprintHash())
                .bind("deviceData", request.deviceDataJson())
                .execute();
    }

    private static void updateDevice(Handle handle, ValidRequest request) {
        handle.createUpdate(ActivationSql.UPDATE_DEVICE)
                .bind("userId", request.userId())
                .bind("fingerprint", request.fingerprintHash())
                .bind("deviceData", request.deviceDataJson())
                .execute();
    }

    /** Inserts the token; returns when it expires. */
    static Instant insertToken(Handle handle, ValidRequest request, UUID tokenId) {
        return handle.createQuery(ActivationSql.INSERT_TOKEN)
                .bind("tokenId", tokenId)
                .bind("userId", request.userId())
                .bind("trialDays", TrialTerms.DURATION_DAYS)
                .bind("reportsRemaining", TrialTerms.REPORTS_PER_TRIAL)
                .map((rows, context) -> rows.getObject("expires_at", OffsetDateTime.class).toInstant())
                .one();
    }

    private static String details(FraudFlag flag) {
        return JsonNodeFactory.instance.objectNode().put("signal", flag.signal()).put("points", flag.points()).toString();
    }
}
