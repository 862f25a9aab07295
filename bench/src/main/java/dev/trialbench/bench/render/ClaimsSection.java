package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.BetweenRunSpread;
import dev.trialbench.bench.claims.Claim;
import dev.trialbench.bench.claims.ClaimContext;
import dev.trialbench.bench.claims.Claims;
import dev.trialbench.bench.claims.IndexUse;
import dev.trialbench.bench.claims.Judge;
import dev.trialbench.bench.claims.SafetyJudge;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import java.util.ArrayList;
import java.util.List;

/** The claims table and the Fix 2 index findings. Stateless. */
final class ClaimsSection {

    private ClaimsSection() {
    }

    static Section of(ClaimContext context, List<Claim> claims) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Each claim of the report that a number can judge: " + Inline.bold("HOLDS") + "; "
                + Inline.bold("BETTER THAN CLAIMED") + ": the report's figure is off in the good direction (faster or"
                + " smaller than it says); " + Inline.bold("FAILS") + "; " + Inline.bold("HOLDS ONLY IF")
                + " a condition the report does not state; " + Inline.bold("NOT SETTLED") + ": the figure's interval"
                + " straddles the threshold, so another run of the same code may land on either side; or "
                + Inline.bold("NOT JUDGED") + " by this kind of run. Thresholds: \"~X ms\" holds within "
                + Numbers.plain(Judge.APPROXIMATE_TOLERANCE * 100) + " % of X; \"Nx faster\" holds from "
                + Numbers.plain((1 - Judge.FACTOR_TOLERANCE) * 100) + " % of N; a writer counts as blocked after "
                + Numbers.ms(SafetyJudge.WRITER_STALL_MILLIS) + " during an index build. Figures marked " + Inline.bold("estimate")
                + " come from a model (time = measured time + round-trip latency x round trips), not from a measurement."));
        blocks.add(new Paragraph("Intervals: a figure written " + Inline.code("8.60x [5.69x, 13.0x]") + " is decided on"
                + " its interval: the range of its forks, each end widened by the factor sqrt(max / min) of the same"
                + " figure over the " + BetweenRunSpread.runCount() + " committed quick runs of one tree under "
                + Inline.code("results/baseline-runs/") + " (the interval is as wide as that figure moved between"
                + " identical runs, so two runs that differ by no more cannot judge HOLDS and FAILS). The factors are"
                + " measured from those runs' raw files, not typed (" + Inline.code("BetweenRunSpreadTest") + ")."
                + " When this run's " + Inline.code("SELECT 1") + " floor (its mean) at a schema state is slower than in every"
                + " baseline run, the machine was busier than theirs, and that schema state's intervals widen by the"
                + " same factor." + (context.busyNote().isEmpty() ? "" : " " + context.busyNote())));
        blocks.add(new Paragraph("Every row is reproduced by " + Inline.code(context.reproduce()) + " at commit "
                + Inline.code(context.run().environment().gitSha()) + ", then "
                + Inline.code("./trialbench report " + ReportDocument.folderOf(context.run())) + "."));
        List<List<String>> rows = new ArrayList<>();
        for (int index = 0; index < claims.size(); index++) {
            Claim claim = claims.get(index);
            rows.add(List.of(String.valueOf(index + 1), "\"" + claim.quote() + "\" (" + claim.section() + ")",
                    claim.measured(), Inline.bold(claim.judgement().verdict().label())
                            + (claim.judgement().condition() == null ? "" : " " + claim.judgement().condition()),
                    claim.judgement().reason(), claim.source()));
        }
        blocks.add(new Table(List.of("#", "the report says", "measured", "verdict", "why", "from"), rows));
        blocks.add(new Subheading("Fix 2 indexes: did the workload use them?"));
        blocks.add(new Paragraph("Kept exactly as the report wrote them. An index this workload never used is a finding"
                + " about the report (it costs writes and space), not a failure of the run; another workload may use it."));
        List<IndexUse> uses = Claims.indexUse(context.run());
        if (uses.isEmpty()) {
            blocks.add(new Paragraph("Not recorded: `evidence.json` has no index audit."));
        } else {
            blocks.add(new Table(List.of("index", "table", "scans", "finding"), uses.stream()
                    .map(use -> List.of(Inline.code(use.index()), Inline.code(use.table()),
                            use.scans() == null ? "n/a" : Numbers.count(use.scans()), use.finding()))
                    .toList()));
        }
        return new Section("claims", "Claims of the report", blocks);
    }
}
