package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.Answers;
import dev.trialbench.bench.claims.Claim;
import dev.trialbench.bench.claims.ClaimContext;
import dev.trialbench.bench.claims.Claims;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.RttSweep;
import dev.trialbench.bench.runfolder.RunEnvironment;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.ServiceProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The published report of one run, built from its raw files alone: the sections in reading order,
 * each from a small builder. Nothing here depends on the clock or the machine that renders it, so the
 * same raw files always give the same document. Stateless.
 */
final class ReportDocument {

    private ReportDocument() {
    }

    static Document of(RunFolder run, RenderingCommit rendering) {
        return of(run, LoadRuns.read(run), rendering);
    }

    static Document of(RunFolder run, LoadRuns load, RenderingCommit rendering) {
        ClaimContext context = ClaimContext.of(run);
        List<Claim> claims = Claims.of(run);
        List<Section> sections = new ArrayList<>();
        sections.add(AnswersSection.of(Answers.of(context, claims, load, RttSweep.read(run))));
        sections.add(SummarySections.headline(context, claims));
        sections.add(SummarySections.environment(run.environment()));
        sections.add(FactorialSection.of(context));
        sections.add(HarnessOverheadSection.of(run));
        sections.add(ClaimsSection.of(context, claims));
        sections.add(RttSection.of(RttSweep.read(run)));
        sections.add(LoadSection.of(load, ServiceProfile.read(run.folder())));
        ReplicaEvidence.read(run).map(ReplicaSection::of).ifPresent(sections::add);
        sections.add(ReliabilitySection.of(run.reliability()));
        sections.add(PoolerSection.of(dev.trialbench.bench.runfolder.PoolerEvidence.read(run.folder())));
        sections.addAll(StatementSections.of(run.evidence()));
        sections.add(RunSections.migration(context.evidence()));
        sections.add(RunSections.seed(context.evidence()));
        sections.add(RunSections.indexAudit(context.evidence()));
        sections.add(DeparturesSection.of());
        sections.add(RunSections.phases(context.evidence()));
        sections.add(reproduce(run));
        return new Document(title(run), intro(run, rendering), sections);
    }

    /** {@code trialbench report: 2025-11-02, 688b999, bench-laptop, profile quick, scale 0.05} */
    static String title(RunFolder run) {
        RunEnvironment environment = run.environment();
        return "trialbench report: " + date(run) + ", " + environment.gitSha() + ", " + environment.host() + ", profile "
                + environment.profile() + ", scale " + Numbers.plain(environment.scale());
    }

    /** The run's date: from startedAt (ISO-8601), else from the folder's name. */
    static String date(RunFolder run) {
        String startedAt = run.environment().startedAt();
        if (startedAt != null && startedAt.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return startedAt.substring(0, 10);
        }
        String name = run.name();
        return name.matches("\\d{4}-\\d{2}-\\d{2}.*") ? name.substring(0, 10) : "undated";
    }

    private static List<Block> intro(RunFolder run, RenderingCommit rendering) {
        RunEnvironment environment = run.environment();
        return List.of(new Paragraph("The optimization report (`database-optimization-report.md`) measured: its naive and"
                + " batched trial activation, fraud check and report listing, with JMH against "
                + postgres(environment.postgresVersion()) + " (" + environment.provider() + "), before and after its"
                + " migrations."
                + " Run `" + run.name() + "`, started " + environment.startedAt() + ", seed " + environment.seed()
                + ". Generated from the run's raw files alone (`environment.json`, `evidence.json`, `jmh-before.json`,"
                + " `jmh-after.json`, and where the run has them `jmh-*-rtt.json`, `load.json` with `load/*.hlog`,"
                + " `reliability.json`). Ran at commit `" + run.environment().gitSha() + "`; rendered by the report code"
                + " of commit `" + rendering.text() + "` (the last commit that changed the raw-file readers, the claims,"
                + " the rendering or the number formats; `+changes`: with uncommitted changes there)."));
    }

    private static String postgres(String version) {
        return version != null && version.startsWith("PostgreSQL") ? version : "PostgreSQL " + version;
    }

    /**
     * Where the run's folder lives, relative to the project: {@code results/} for a published run
     * (its command has {@code --publish}), {@code scratch/runs/} otherwise. Read from the raw files, so
     * the report does not depend on where it is rendered.
     */
    static String parentOf(RunFolder run) {
        String command = run.environment().command();
        return command != null && command.contains("--publish") ? "results" : "scratch/runs";
    }

    static String folderOf(RunFolder run) {
        return parentOf(run) + "/" + run.name();
    }

    private static Section reproduce(RunFolder run) {
        String command = run.environment().command();
        List<String> steps = new ArrayList<>();
        steps.add(command == null || command.isBlank() ? "the run's command was not recorded in `environment.json`"
                : "run the pipeline: " + Inline.code(command) + " (commit " + Inline.code(run.environment().gitSha()) + ")");
        steps.add("regenerate this report from the raw files: " + Inline.code("./trialbench report " + folderOf(run)));
        steps.add("rewrite the index of all runs: " + Inline.code("./trialbench report --index " + parentOf(run)));
        return new Section("reproduce", "How to reproduce", List.of(new Document.Bullets(steps)));
    }
}
