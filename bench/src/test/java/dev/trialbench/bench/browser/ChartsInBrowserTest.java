package dev.trialbench.bench.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.render.Reports;
import dev.trialbench.bench.svg.SvgNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated report.html pages in a real headless Chromium and checks that every chart draws:
 * non-white pixels in several colours inside each chart's box on a screenshot of the page, not a
 * string in the file. Skips, saying why, where no browser is installed. The report is generated from
 * the raw files of the newest published run (all its charts: factorial, round trips, pool sweep), or
 * from the report fixture when there is none. {@code -Dtrialbench.browser.reports=a/report.html,b/report.html}
 * checks more pages (e.g. a run just made, or the published runs once regenerated).
 */
class ChartsInBrowserTest {

    private static final Set<String> GENERATED = Set.of("report.md", "report.html", "charts");
    private static HeadlessBrowser browser;

    @TempDir
    Path temp;

    @BeforeAll
    static void findBrowser() {
        Optional<HeadlessBrowser> found = HeadlessBrowser.find();
        Assumptions.assumeTrue(found.isPresent(), HeadlessBrowser.notFoundReason());
        browser = found.get();
    }

    @Test
    void everyChartOfAGeneratedReportDrawsInTheBrowser() throws IOException {
        Path folder = rawFilesOfNewestRun(temp.resolve("run"));
        Reports.write(folder);

        assertEveryChartDraws(folder.resolve("report.html"));
    }

    @Test
    void theBrowserCheckSeesTheBlankChartsOfAnUnrepairedSvg() throws IOException {
        Path folder = rawFilesOfNewestRun(temp.resolve("run"));
        Reports.write(folder);
        Path svg = folder.resolve("charts/p50-before-after.svg");
        // What VectorGraphics2D wrote before the repair: an empty default namespace on the inner elements.
        Files.writeString(svg, Files.readString(svg).replaceAll("<(g|rect|path|text|defs)(\\s)", "<$1 xmlns=\"\"$2"));
        Files.writeString(folder.resolve("one.html"), "<!DOCTYPE html><html><body><p><img src=\"charts/p50-before-after.svg\""
                + " alt=\"p50\"></p></body></html>");

        List<HeadlessBrowser.Chart> charts = browser.charts(folder.resolve("one.html"));

        assertThat(charts).hasSize(1);
        assertThat(charts.get(0).pixels().drawn()).as("the unrepaired chart, as the browser drew it: %s", charts.get(0))
                .isFalse();
    }

    @Test
    void pagesNamedOnTheCommandLineDrawEveryChart() {
        String named = System.getProperty("trialbench.browser.reports", "");
        Assumptions.assumeFalse(named.isBlank(), "no pages named (-Dtrialbench.browser.reports=a/report.html,...)");
        for (String page : Arrays.stream(named.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            assertEveryChartDraws(Path.of(page));
        }
    }

    @Test
    void theRepairRemovesEveryEmptyNamespaceAndNothingElse() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n   <g xmlns=\"\" transform=\"x\"><rect xmlns=\"\"\n"
                + "         height=\"1\"/></g></svg>";

        assertThat(SvgNamespace.repair(svg)).isEqualTo("<svg xmlns=\"http://www.w3.org/2000/svg\">\n   <g transform=\"x\">"
                + "<rect\n         height=\"1\"/></g></svg>");
    }

    private static void assertEveryChartDraws(Path reportHtml) {
        List<HeadlessBrowser.Chart> charts = browser.charts(reportHtml);

        assertThat(charts).as("chart images on %s", reportHtml).isNotEmpty();
        assertThat(charts).allSatisfy(chart -> {
            assertThat(chart.naturalWidth()).as("%s decoded by the browser (%s)", chart.src(), reportHtml).isPositive();
            assertThat(chart.pixels().drawn()).as("%s drawn by the browser on %s: %s", chart.src(), reportHtml, chart)
                    .isTrue();
        });
    }

    /** The raw files (no report, no charts) of the newest published run with a report, or of the report fixture. */
    static Path rawFilesOfNewestRun(Path target) throws IOException {
        Files.createDirectories(target);
        Path results = Path.of("..", "results");
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(results)) {
            try (Stream<Path> runs = Files.list(results)) {
                newest = runs.filter(run -> Files.isRegularFile(run.resolve("report.html"))
                                && Files.isRegularFile(run.resolve("evidence.json")))
                        .max(Comparator.comparing(run -> run.getFileName().toString()));
            }
        }
        if (newest.isPresent()) {
            copyTree(newest.get(), target);
        } else {
            for (String file : List.of("environment.json", "evidence.json", "jmh-before.json", "jmh-after.json")) {
                try (var in = ChartsInBrowserTest.class.getResourceAsStream("/report-fixture/" + file)) {
                    Files.copy(in, target.resolve(file));
                }
            }
        }
        return target;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path relative = source.relativize(path);
                if (relative.getNameCount() > 0 && GENERATED.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }
}
