package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.ReplicaClaims;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence.LagSample;
import dev.trialbench.bench.runfolder.ReplicaEvidence.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * "Read replica": the listing served from a streaming replica while activations write to the primary
 * ({@code replica.json}): each phase, the relief on the primary, the replication lag over time and
 * read-your-writes. Stateless.
 */
final class ReplicaSection {

    /** Rows of the lag table at most: the samples are thinned evenly beyond that. */
    static final int LAG_ROWS = 12;

    private ReplicaSection() {
    }

    static Section of(ReplicaEvidence evidence) {
        List<Block> blocks = new ArrayList<>();
        if (evidence.skipped() != null) {
            blocks.add(new Paragraph("No replica in this run: " + evidence.skipped() + "."));
            return new Section("replica", "Read replica", blocks);
        }
        blocks.add(new Paragraph("The report recommends read replicas \"for scaling read-heavy workloads\". Here: "
                + evidence.replica() + ". In each phase " + evidence.activationThreads() + " thread(s) ran batched"
                + " activations on the primary (schema AFTER) while " + evidence.listingThreads() + " thread(s) listed a"
                + " heavy owner's 1000 newest reports: nowhere (" + Inline.code(ReplicaEvidence.ALONE) + "), on the primary,"
                + " or on the replica; the rounds alternate. CPU: seconds the primary's postmaster and its children used"
                + " per second of the phase (from /proc)."
                + (evidence.sameHost() ? " The replica ran on the primary's own host: it shares the primary's CPU and disk,"
                + " so moving the listing frees the primary's processes, not the machine." : "")));
        blocks.add(new Table(List.of("round", "listing on", "activations/s", "activation p50 / p95 / p99", "listings/s",
                "primary CPU/s", "failures"), evidence.rounds().stream().map(ReplicaSection::row).toList()));
        List<String> summary = new ArrayList<>();
        var relief = ReplicaClaims.relief(evidence);
        summary.add("relief on the primary (activation p95 with the listing on the primary / on the replica): "
                + (relief.isFinite() ? relief.factor() : "not measured"));
        summary.add("primary CPU per second: listing on the primary " + cpu(evidence, ReplicaEvidence.ON_PRIMARY)
                + ", on the replica " + cpu(evidence, ReplicaEvidence.ON_REPLICA) + ", no listing "
                + cpu(evidence, ReplicaEvidence.ALONE));
        ReplicaClaims.readYourWrites(evidence).ifPresent(text -> summary.add("read-your-writes: " + text + " (each probe: an"
                + " activation on the primary, then at once its token read on the replica, polled until seen)"));
        blocks.add(new Bullets(summary));
        blocks.add(new Subheading("Replication lag under the write load"));
        blocks.addAll(lag(evidence.lag()));
        return new Section("replica", "Read replica", blocks);
    }

    private static List<String> row(Phase phase) {
        return List.of(String.valueOf(phase.round()), phase.listing(),
                Numbers.decimal(phase.activations() / phase.seconds(), 1),
                Numbers.millis(phase.activationP50Millis()) + " / " + Numbers.millis(phase.activationP95Millis()) + " / "
                        + Numbers.millis(phase.activationP99Millis()) + " ms",
                ReplicaEvidence.ALONE.equals(phase.listing()) ? "-" : Numbers.decimal(phase.listings() / phase.seconds(), 1),
                phase.primaryCpuSeconds() == null ? "not read" : Numbers.decimal(phase.primaryCpuSeconds() / phase.seconds(), 2),
                String.valueOf(phase.activationFailures() + phase.listingFailures()));
    }

    private static String cpu(ReplicaEvidence evidence, String where) {
        List<Phase> phases = evidence.phases(where).stream().filter(phase -> phase.primaryCpuSeconds() != null).toList();
        if (phases.isEmpty()) {
            return "not read";
        }
        return Numbers.decimal(phases.stream().mapToDouble(Phase::primaryCpuSeconds).sum()
                / phases.stream().mapToDouble(Phase::seconds).sum(), 2);
    }

    private static List<Block> lag(List<LagSample> samples) {
        if (samples.isEmpty()) {
            return List.of(new Paragraph("Not sampled."));
        }
        LagSample worst = samples.stream().max(Comparator.comparingLong(LagSample::replayLagBytes)).orElseThrow();
        double maxReplay = samples.stream().map(LagSample::replayLagMillis).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        List<List<String>> rows = new ArrayList<>();
        int step = Math.max(1, (samples.size() + LAG_ROWS - 1) / LAG_ROWS);
        for (int i = 0; i < samples.size(); i += step) {
            LagSample sample = samples.get(i);
            rows.add(List.of(Numbers.decimal(sample.atSeconds(), 1), Numbers.bytes(sample.replayLagBytes()),
                    lagMillis(sample.writeLagMillis()), lagMillis(sample.flushLagMillis()), lagMillis(sample.replayLagMillis())));
        }
        return List.of(new Paragraph(samples.size() + " samples of pg_stat_replication on the primary during the"
                + " replica phases; most WAL not yet replayed: " + Numbers.bytes(worst.replayLagBytes()) + "; longest replay"
                + " lag: " + (Double.isNaN(maxReplay) ? "none reported" : Numbers.ms(maxReplay)) + ". "
                + (step == 1 ? "Every sample" : "One sample in " + step) + " (seconds into the step; a lag is - while the"
                + " replica is idle and caught up):"),
                new Table(List.of("s", "not replayed", "write lag", "flush lag", "replay lag"), rows));
    }

    private static String lagMillis(Double millis) {
        return millis == null ? "-" : Numbers.ms(millis);
    }
}
