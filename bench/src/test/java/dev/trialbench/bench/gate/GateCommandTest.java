package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.cli.TrialbenchCommand;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.testing.TerminalCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code trialbench gate}: exit codes, and the JUnit XML and Markdown it writes. */
class GateCommandTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();
    private Path baseline;

    @BeforeEach
    void makeABaseline() {
        baseline = GateFixture.baseline(temp.resolve("baseline.json"), GateFixture.run(temp, "baseline-run"));
    }

    @Test
    void aRegressionExitsOneAndTheJunitXmlCountsItsFailures() throws Exception {
        Path run = GateFixture.run(temp, "regressed");
        GateFixture.plan(run, CellKey.AFTER, "NEWEST_REPORTS", List.of(), List.of("reports"));
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence -> GateFixture.cell(evidence,
                CellKey.of(CellKey.FRAUD_CHECK, CellKey.BATCHED, CellKey.AFTER)).put("roundTripsPerOp", 6.0));
        Path junit = temp.resolve("out/gate-junit.xml");

        int exit = gate(run, "--junit", junit.toString(), "--tiers", "1,2");

        assertThat(exit).isEqualTo(1);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suites = document.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        assertThat(suites.getAttribute("errors")).isEqualTo("0");
        assertThat(document.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(document.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        int testcases = document.getElementsByTagName("testcase").getLength();
        assertThat(suites.getAttribute("tests")).isEqualTo(String.valueOf(testcases));
        assertThat(((Element) document.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("FraudCheckBenchmark.batched @ after: 6 round trips per operation, baseline 1 (5 more)");
        assertThat(((Element) document.getElementsByTagName("failure").item(1)).getAttribute("message"))
                .isEqualTo("NEWEST_REPORTS @ after: plan no longer uses idx_reports_user_created; now Seq Scan on reports");
        assertThat(terminal.out()).contains("trialbench gate: REGRESSION")
                .contains("NEWEST_REPORTS @ after: plan no longer uses idx_reports_user_created; now Seq Scan on reports");
    }

    @Test
    void theMarkdownLeadsWithTheVerdictAndWhatRegressed() throws Exception {
        Path run = GateFixture.run(temp, "regressed");
        GateFixture.plan(run, CellKey.AFTER, "NEWEST_REPORTS", List.of(), List.of("reports"));
        Path markdown = temp.resolve("gate.md");

        gate(run, "--markdown", markdown.toString());

        String text = Files.readString(markdown);
        assertThat(text).startsWith(MarkdownSummary.MARKER + "\n## trialbench gate: REGRESSION\n");
        assertThat(text).contains("- **REGRESSION** (tier 1: deterministic) `plan NEWEST_REPORTS @ after`: "
                + "NEWEST_REPORTS @ after: plan no longer uses idx_reports_user_created; now Seq Scan on reports");
        assertThat(text).contains("| verdict | check | expected | measured | tolerance | direction |");
        assertThat(text).contains("<details open><summary>tier 1: deterministic:");
        assertThat(text).contains("<details><summary>tier 2: timings (ratios, server time per statement):").contains("all pass");
    }

    @Test
    void aMissingRawFileExitsTwoAndStillWritesTheOutputs() throws Exception {
        Path run = GateFixture.run(temp, "incomplete");
        Files.delete(run.resolve(RunFolder.EVIDENCE));
        Path junit = temp.resolve("gate-junit.xml");

        int exit = gate(run, "--junit", junit.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.out()).contains("COULD NOT MEASURE").contains("lacks evidence.json");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(document.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    }

    @Test
    void aMissingBaselineExitsTwoSayingHowToMakeOne() {
        int exit = TrialbenchCommand.execute("gate", GateFixture.run(temp, "run").toString(), "--baseline",
                temp.resolve("nowhere.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.out()).contains("does not exist").contains("./trialbench baseline");
    }

    @Test
    void aRunAtAnotherScaleExitsTwoWithoutComparingAnything() {
        Path run = GateFixture.run(temp, "other-scale");
        GateFixture.edit(run, RunFolder.ENVIRONMENT, environment ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) environment).put("scale", 0.1));

        int exit = gate(run);

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.out())
                .contains("the baseline was made at quick profile, scale 0.05, seed 42; run other-scale is quick profile,"
                        + " scale 0.1, seed 42: its figures cannot be compared")
                .contains("1 check: 0 pass, 0 improved, 0 regressions, 1 not measured");
    }

    @Test
    void aCellMissingFromTheRunExitsTwoNamingIt() {
        Path run = GateFixture.run(temp, "cell-missing");
        GateFixture.removeJmhResult(run, CellKey.of(CellKey.LISTING, CellKey.RECORDS_1000, CellKey.AFTER));

        int exit = gate(run, "--tiers", "2,3");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.out())
                .contains("ListingBenchmark.records1000 @ after was not measured (no result in jmh-after.json)");
    }

    @Test
    void anOutlierThatTheConfirmationRunDoesNotRepeatPassesAndIsShown() {
        Path outlier = GateFixture.run(temp, "outlier");
        GateFixture.scaleLatency(outlier, CellKey.of(CellKey.LISTING, CellKey.PAGE_50, CellKey.AFTER), 3);

        int exit = gate(outlier, "--confirm", GateFixture.run(temp, "calm").toString(), "--tiers", "1,2");

        assertThat(exit).isEqualTo(0);
        assertThat(terminal.out())
                .contains("PASS  before/after ListingBenchmark.page50\n  before/after ListingBenchmark.page50: 8.50x, below the band")
                .contains("in outlier; not confirmed: 25.5x in calm")
                .contains("tier 2 confirmed against " + temp.resolve("calm"));
    }

    @Test
    void aConfirmationRunOfAnotherScaleCannotBeCompared() {
        Path confirmation = GateFixture.run(temp, "confirmation");
        GateFixture.edit(confirmation, RunFolder.ENVIRONMENT, environment ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) environment).put("scale", 0.1));

        int exit = gate(GateFixture.run(temp, "run"), "--confirm", confirmation.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.out()).contains("run confirmation is quick profile, scale 0.1");
    }

    @Test
    void anUnknownTierIsBadUsage() {
        assertThat(gate(GateFixture.run(temp, "run"), "--tiers", "4")).isEqualTo(2);
        assertThat(terminal.err()).contains("--tiers takes 1, 2 and 3, not 4");
    }

    private int gate(Path run, String... options) {
        String[] arguments = new String[3 + options.length];
        arguments[0] = "gate";
        arguments[1] = run.toString();
        arguments[2] = "--baseline=" + baseline;
        System.arraycopy(options, 0, arguments, 3, options.length);
        return TrialbenchCommand.execute(arguments);
    }
}
