package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The read-replica step's raw figures ({@value #FILE}): the listing served from a streaming replica
 * while activations write to the primary. Written by the pipeline, read by the claims and the report.
 * Immutable.
 *
 * @param skipped        why no replica was measured (a URL or container server), or null
 * @param replica        how the replica was made (method, server version), or null when skipped
 * @param sameHost       true when the replica ran on the primary's host (sharing its CPU and disk)
 * @param activationThreads threads running batched activations on the primary in every phase
 * @param listingThreads threads running the listing (1000 newest reports of a heavy owner) in the listing phases
 * @param rounds         each phase, in the order run (alone, primary, replica, repeated per round)
 * @param lag            pg_stat_replication sampled on the primary during the replica phases
 * @param readYourWrites activations followed at once by a read of their token on the replica
 */
public record ReplicaEvidence(String skipped, String replica, boolean sameHost, int activationThreads, int listingThreads,
                              List<Phase> rounds, List<LagSample> lag, ReadYourWrites readYourWrites) {

    public static final String FILE = "replica.json";
    /** Where the listing ran in a phase. */
    public static final String ALONE = "none";
    public static final String ON_PRIMARY = "primary";
    public static final String ON_REPLICA = "replica";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public ReplicaEvidence {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        lag = lag == null ? List.of() : List.copyOf(lag);
    }

    public static ReplicaEvidence skipped(String reason) {
        return new ReplicaEvidence(reason, null, false, 0, 0, List.of(), List.of(), null);
    }

    /**
     * One phase: activations on the primary for {@code seconds}, the listing where {@code listing} says.
     *
     * @param primaryCpuSeconds CPU seconds the primary's processes used during the phase (null when unreadable)
     */
    public record Phase(int round, String listing, double seconds, long activations, long activationFailures,
                        double activationP50Millis, double activationP95Millis, double activationP99Millis,
                        long listings, long listingFailures, Double primaryCpuSeconds) {
    }

    /**
     * One sample of {@code pg_stat_replication}: bytes of WAL the replica has not replayed, and the
     * lags PostgreSQL measures (null when the replica was idle and caught up).
     */
    public record LagSample(double atSeconds, long replayLagBytes, Double writeLagMillis, Double flushLagMillis,
                           Double replayLagMillis) {
    }

    /**
     * @param probes           activations probed (each followed at once by a read on the replica)
     * @param staleAtFirstRead probes whose first read on the replica did not see the token
     * @param neverSeen        probes not seen within {@code timeoutMillis}
     * @param staleP50Millis   of the stale probes: time from the commit's return until the replica showed it
     * @param staleP95Millis   likewise
     * @param staleMaxMillis   likewise
     */
    public record ReadYourWrites(int probes, int staleAtFirstRead, int neverSeen, double timeoutMillis,
                                 Double staleP50Millis, Double staleP95Millis, Double staleMaxMillis) {
    }

    /** The run's {@value #FILE}, or empty for a run without one (no load runs, or made before it existed). */
    public static Optional<ReplicaEvidence> read(RunFolder run) {
        var file = run.folder().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(Files.readString(file), ReplicaEvidence.class));
        } catch (JsonProcessingException e) {
            throw new RunFolderException(FILE, FILE + " is malformed: " + e.getOriginalMessage()
                    + ". It must match ReplicaEvidence; re-run the pipeline.", e);
        } catch (IOException e) {
            throw new RunFolderException(FILE, FILE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The phases where the listing ran {@code where}. */
    public List<Phase> phases(String where) {
        return rounds.stream().filter(phase -> phase.listing().equals(where)).toList();
    }
}
