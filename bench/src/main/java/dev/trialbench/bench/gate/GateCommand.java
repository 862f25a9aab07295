package dev.trialbench.bench.gate;

import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trialbench gate <run-folder> [--confirm <run-folder>]...}: compares a run with the baseline and
 * prints every check; optionally writes JUnit XML and Markdown. Exit 0 pass (improvements included), 1 regression, 2 could
 * not measure (a file missing or malformed, a baseline of another profile, scale or seed, a cell or
 * statement missing, or a failure of the gate itself). Never writes the baseline. Not thread-safe:
 * picocli fills its fields for one call.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Compares a run with the baseline: tier 1 deterministic (statements, plans, shared buffers),",
            "tier 2 ratios (tolerance from the baseline's measured spread), tier 3 budgets (the report's KPIs).",
            "Exit 0 pass, 1 regression, 2 could not measure. Never writes the baseline (see 'trialbench baseline')."})
public final class GateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "<run-folder>", description = "A run folder with environment.json, evidence.json,"
            + " jmh-before.json and jmh-after.json.")
    Path runFolder;

    @Option(names = "--baseline", defaultValue = Baseline.DEFAULT_FILE, paramLabel = "FILE",
            description = "The baseline to compare with. Default ${DEFAULT-VALUE}.")
    Path baselineFile;

    @Option(names = "--tiers", split = ",", defaultValue = "1,2,3", paramLabel = "N",
            description = "Tiers to check, e.g. 1,2 (CI: absolute budgets depend on the machine). Default ${DEFAULT-VALUE}.")
    List<Integer> tiers;

    @Option(names = "--confirm", paramLabel = "<run-folder>",
            description = "A further run of the same tree (repeatable): a tier-2 ratio fails only if it moves beyond its"
                    + " band in this run too. Tiers 1 and 3 judge <run-folder> alone.")
    List<Path> confirmFolders = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the checks as JUnit XML.")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the checks as Markdown (a PR comment).")
    Path markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (int tier : tiers) {
            if (!Gate.ALL_TIERS.contains(tier)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tiers takes 1, 2 and 3, not " + tier);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GateReport report;
        try {
            report = evaluate();
        } catch (RuntimeException e) {
            err.println("trialbench gate: the gate itself failed; nothing was judged: " + e);
            e.printStackTrace(err);
            err.flush();
            return GateReport.NOT_MEASURED;
        }
        out.print(TerminalTable.render(report));
        out.flush();
        try {
            write(junit, JunitXml.render(report), out);
            write(markdown, MarkdownSummary.render(report), out);
        } catch (IOException e) {
            err.println("trialbench gate: cannot write the gate's output: " + e.getMessage());
            err.flush();
            return GateReport.NOT_MEASURED;
        }
        out.flush();
        return report.exitCode();
    }

    private GateReport evaluate() {
        List<Check> problems = new ArrayList<>();
        Baseline baseline = null;
        RunFolder run = null;
        try {
            baseline = Baseline.read(baselineFile);
        } catch (BaselineException e) {
            problems.add(Check.notMeasured(Check.INPUTS, "baseline readable", baselineFile.toString(), "readable",
                    e.getMessage()));
        }
        try {
            run = RunFolder.read(runFolder);
        } catch (RunFolderException e) {
            problems.add(Check.notMeasured(Check.INPUTS, "run folder readable", runFolder.toString(), "readable",
                    e.getMessage()));
        }
        List<RunFolder> confirmations = new ArrayList<>();
        for (Path folder : confirmFolders) {
            try {
                confirmations.add(RunFolder.read(folder));
            } catch (RunFolderException e) {
                problems.add(Check.notMeasured(Check.INPUTS, "confirmation run readable: " + folder, folder.toString(),
                        "readable", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            Path name = runFolder.getFileName();
            return new GateReport(name == null ? runFolder.toString() : name.toString(),
                    baseline == null ? baselineFile.toString() : baseline.describe(), tiers, problems, List.of());
        }
        return Gate.evaluate(run, confirmations, baseline, tiers);
    }

    private static void write(Path file, String text, PrintWriter out) throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
        out.println("wrote " + file);
    }
}
