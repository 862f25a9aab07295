package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence.Phase;
import dev.trialbench.bench.runfolder.ReplicaEvidence.ReadYourWrites;
import java.util.List;
import java.util.Optional;

/**
 * The report's "Implement read replicas", from {@code replica.json}: does moving the read-heavy part
 * (the listing of 1000 reports) to a streaming replica relieve the write path on the primary? The
 * figure is the relief: the activation p95 with the listing on the primary over the activation p95 with
 * it on the replica, per round; its interval is the range of the rounds (no between-run factor: no
 * committed run has this figure yet). It must reach {@value #RELIEF_THRESHOLD}x (10 % lower p95) to count.
 * What the report does not state, and the run measures: a replica is asynchronous, so a read right after
 * a write may not see it (read-your-writes). Stateless.
 */
public final class ReplicaClaims {

    /** The report's words are "**Implement read replicas**: For scaling read-heavy workloads"; the quote is its bold part. */
    static final String SECTION = "Additional Recommendations: \"For scaling read-heavy workloads\"";
    static final String QUOTE = "Implement read replicas";
    /** Activation p95 (listing on primary) / (listing on replica) at which moving the reads counts as relief. */
    static final double RELIEF_THRESHOLD = 1 + Judge.FACTOR_TOLERANCE;

    private ReplicaClaims() {
    }

    /** The claim, or none for a run without {@code replica.json} (no load runs, or made before the step existed). */
    static List<Claim> of(ClaimContext context) {
        return ReplicaEvidence.read(context.run()).map(evidence -> List.of(claim(context, evidence))).orElse(List.of());
    }

    static Claim claim(ClaimContext context, ReplicaEvidence evidence) {
        String source = ReplicaEvidence.FILE + " rounds (activation p95 per phase), readYourWrites";
        if (evidence.skipped() != null) {
            return context.claim(SECTION, QUOTE, "no replica in this run", Judgement.notJudged(
                    "no replica was made: " + evidence.skipped()), source);
        }
        Interval relief = relief(evidence);
        ReadYourWrites probes = evidence.readYourWrites();
        String measured = "activation p95 with the listing on the primary / on the replica: "
                + (relief.isFinite() ? relief.factor() : "not measured") + " over " + evidence.phases(ReplicaEvidence.ON_REPLICA).size()
                + " round(s); " + staleness(probes);
        return context.claim(SECTION, QUOTE, measured, judge(relief, probes, evidence.sameHost()), source);
    }

    /** Per round, p95 with the listing on the primary over p95 with it on the replica; value: the ratio of the means. */
    public static Interval relief(ReplicaEvidence evidence) {
        List<Phase> onPrimary = evidence.phases(ReplicaEvidence.ON_PRIMARY);
        List<Phase> onReplica = evidence.phases(ReplicaEvidence.ON_REPLICA);
        int rounds = Math.min(onPrimary.size(), onReplica.size());
        if (rounds == 0) {
            return Interval.exact(Double.NaN);
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        double primarySum = 0;
        double replicaSum = 0;
        for (int i = 0; i < rounds; i++) {
            double ratio = onPrimary.get(i).activationP95Millis() / onReplica.get(i).activationP95Millis();
            low = Math.min(low, ratio);
            high = Math.max(high, ratio);
            primarySum += onPrimary.get(i).activationP95Millis();
            replicaSum += onReplica.get(i).activationP95Millis();
        }
        double value = primarySum / replicaSum;
        if (!Double.isFinite(value) || !Double.isFinite(low) || !Double.isFinite(high)) {
            return Interval.exact(Double.NaN);
        }
        return Interval.of(value, low, high, 1);
    }

    /**
     * HOLDS when the relief's interval is at or above the threshold and every read on the replica saw the
     * user's own write; HOLDS ONLY IF reads that must see it stay on the primary, when some did not;
     * NOT SETTLED when the interval straddles the threshold, or lies below it with the replica on the
     * primary's own host (it then shares the CPU the move should free); FAILS below it with a replica of its own.
     */
    static Judgement judge(Interval relief, ReadYourWrites probes, boolean sameHost) {
        if (!relief.isFinite()) {
            return Judgement.notJudged("the replica phases measured no activation");
        }
        String reason = "moving the listing to the replica changed the activation p95 on the primary by "
                + relief.factor() + " (relief counts from " + Numbers.factor(RELIEF_THRESHOLD) + ")";
        if (relief.atLeast(RELIEF_THRESHOLD)) {
            if (probes != null && probes.staleAtFirstRead() > 0) {
                return Judgement.holdsOnlyIf("reads that must see the user's own write (a listing right after an"
                        + " activation) stay on the primary or wait for the replica to replay it", reason + "; "
                        + staleness(probes));
            }
            return Judgement.holds(reason + "; " + staleness(probes));
        }
        if (!relief.below(RELIEF_THRESHOLD)) {
            return Judgement.notSettled(reason + "; the interval straddles the threshold");
        }
        if (sameHost) {
            return Judgement.notSettled(reason + "; the replica ran on the primary's own host and shared its CPU and"
                    + " disk, so this run cannot show the relief a replica on a machine of its own gives");
        }
        return Judgement.fails(reason + ": the write path did not get faster when the reads left the primary");
    }

    static String staleness(ReadYourWrites probes) {
        if (probes == null || probes.probes() == 0) {
            return "read-your-writes not measured";
        }
        String text = probes.staleAtFirstRead() + " of " + probes.probes() + " reads on the replica right after an"
                + " activation did not see it (" + Numbers.percent((double) probes.staleAtFirstRead() / probes.probes()) + ")";
        if (probes.staleAtFirstRead() > 0 && probes.staleMaxMillis() != null) {
            text += ", visible after p50 " + Numbers.ms(probes.staleP50Millis()) + ", p95 " + Numbers.ms(probes.staleP95Millis())
                    + ", at most " + Numbers.ms(probes.staleMaxMillis());
        }
        if (probes.neverSeen() > 0) {
            text += "; " + probes.neverSeen() + " not seen within " + Numbers.ms(probes.timeoutMillis());
        }
        return text;
    }

    /** For a reader of the run: the probes' figures, or empty. */
    public static Optional<String> readYourWrites(ReplicaEvidence evidence) {
        return Optional.ofNullable(evidence.readYourWrites()).map(ReplicaClaims::staleness);
    }
}
