package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path temp;

    @Test
    void writesTheReportsAndChartsIntoTheRunFolder() {
        Path folder = Fixture.copy(temp);

        List<Path> written = Reports.write(folder);

        assertThat(written).extracting(path -> folder.relativize(path).toString().replace('\\', '/')).containsExactly(
                "charts/p50-before-after.png", "charts/p50-before-after.svg", "charts/percentiles-after.png",
                "charts/percentiles-after.svg", "charts/percentiles-before.png", "charts/percentiles-before.svg",
                "report.html", "report.md");
    }

    @Test
    void regeneratingFromTheSameRawFilesGivesTheSameBytes() throws IOException {
        Path first = Fixture.copy(temp.resolve("first"), Fixture.RUN_NAME);
        Path second = Fixture.copy(temp.resolve("second"), Fixture.RUN_NAME);

        List<Path> written = Reports.write(first);
        byte[] markdown = Files.readAllBytes(first.resolve(Reports.MARKDOWN));
        Reports.write(first);
        Reports.write(second);

        assertThat(Files.readAllBytes(first.resolve(Reports.MARKDOWN))).isEqualTo(markdown);
        for (Path file : written) {
            Path again = second.resolve(first.relativize(file));
            assertThat(Files.readAllBytes(again)).as(again.toString()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void theMigrationSectionSaysHowOftenTheConstraintStepGaveWayWhenTheRunCountedIt() throws IOException {
        Path older = Fixture.copy(temp.resolve("older"), Fixture.RUN_NAME);
        Path none = Fixture.copy(temp.resolve("none"), Fixture.RUN_NAME);
        Path some = Fixture.copy(temp.resolve("some"), Fixture.RUN_NAME);
        Fixture.edit(none, RunFolder.EVIDENCE, text -> text.replace("\"rerunApplied\"", "\"lockConflicts\": 0, \"rerunApplied\""));
        Fixture.edit(some, RunFolder.EVIDENCE, text -> text.replace("\"rerunApplied\"", "\"lockConflicts\": 4, \"rerunApplied\""));
        for (Path folder : List.of(older, none, some)) {
            Reports.write(folder);
        }

        assertThat(Files.readString(older.resolve(Reports.MARKDOWN))).doesNotContain("constraint step (V4_1");
        assertThat(Files.readString(none.resolve(Reports.MARKDOWN))).contains("got its locks at the first attempt");
        assertThat(Files.readString(some.resolve(Reports.MARKDOWN))).contains("gave way to running transactions 4 time(s)")
                .contains("at most 500 ms per lock");
    }

    @Test
    void theMarkdownReportCarriesEverySection() throws IOException {
        Path folder = Fixture.copy(temp);
        Reports.write(folder);

        String markdown = Files.readString(folder.resolve(Reports.MARKDOWN));

        assertThat(markdown).startsWith("# trialbench report: 2025-11-02, 688b999, bench-laptop, profile quick, scale 0.05\n")
                .contains("## Headline", "## Environment", "## Factorial: every cell", "## Claims of the report",
                        "## Where the time goes after the migrations", "## Plan differences, before and after",
                        "## Migration to AFTER", "## Seeding speed, against pgbench",
                        "## Index audit after the AFTER measurements",
                        "## Where the reference implementation departs from the report", "## Pipeline phases",
                        "## How to reproduce")
                .contains("**`NEWEST_REPORTS` now costs the most**")
                .contains("![Median latency per operation, before and after the migrations](charts/p50-before-after.png)")
                .contains("`./trialbench report results/" + Fixture.RUN_NAME + "`")
                .doesNotContain("MISSING", "Warning");
    }

    @Test
    void aMissingCellIsReportedLoudly() throws IOException {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.JMH_BEFORE, text -> text.replace(
                "dev.trialbench.bench.jmh.ListingBenchmark.page50", "dev.trialbench.bench.jmh.ListingBenchmark.page20"));
        Reports.write(folder);

        String markdown = Files.readString(folder.resolve(Reports.MARKDOWN));
        String html = Files.readString(folder.resolve(Reports.HTML));

        assertThat(markdown).contains("> **Warning:** this run lacks 1 of 14 cells: `ListingBenchmark.page50 @ before`")
                .contains("| `ListingBenchmark.page50` | before | **MISSING** | **MISSING** |")
                .contains("results for cells the report does not know: `ListingBenchmark.page20 @ before`");
        assertThat(html).contains("<p class=\"warning\"><strong>Warning:</strong> this run lacks 1 of 14 cells");
    }

    @Test
    void theHtmlReportIsSelfContained() throws IOException {
        Path folder = Fixture.copy(temp);
        Reports.write(folder);

        String html = Files.readString(folder.resolve(Reports.HTML));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script", "http://", "https://")
                .contains("<img src=\"charts/p50-before-after.svg\"")
                .contains("<td>Fix 1: <code>ipAddress || ''</code></td>");
        assertThat(html.lines().filter(line -> line.contains("<link "))).isEmpty();
    }

    @Test
    void refusesAFolderWithoutItsRawFiles() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.delete(folder.resolve(RunFolder.JMH_BEFORE));

        assertThatThrownBy(() -> Reports.write(folder)).isInstanceOf(RunFolderException.class)
                .hasMessageContaining("jmh-before.json");
        assertThat(folder.resolve(Reports.MARKDOWN)).doesNotExist();
    }
}
