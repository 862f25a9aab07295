package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the published reports against a silent change: the committed fixture run folder
 * ({@code report-fixture/}: the hand-made JMH files and evidence, with the load runs, the reliability
 * figures and a round-trip sweep of a published run) is rendered, and {@code report.md},
 * {@code report.html} and the results index must equal, byte for byte, the files committed under
 * {@code report-fixture/expected/}. A refactor must leave them as they are; an intended change of a
 * report updates them in the same commit, so that the change shows in review. The rendered files stay
 * in {@code target/report-regeneration/} for a diff.
 */
class ReportRegenerationTest {

    private static final String FIXTURE = "/report-fixture";
    /** Files of the fixture folder that are not part of the run folder. */
    private static final List<String> NOT_RAW = List.of("README.md", "real-jmh-1.37.json", "expected");
    private static final Path OUT = Path.of("target", "report-regeneration");

    private static Path fixture;
    private static Path run;

    @BeforeAll
    static void render() throws IOException, URISyntaxException {
        fixture = Path.of(ReportRegenerationTest.class.getResource(FIXTURE).toURI());
        deleteTree(OUT);
        run = OUT.resolve(Fixture.RUN_NAME);
        copyRawFiles(fixture, run);
        Reports.write(run);
        Files.writeString(OUT.resolve(ResultsIndex.FILE), ResultsIndex.render(OUT));
    }

    @Test
    void markdownReportIsByteIdenticalToTheCommittedOne() {
        assertSameBytes(run.resolve(Reports.MARKDOWN), Reports.MARKDOWN);
    }

    @Test
    void htmlReportIsByteIdenticalToTheCommittedOne() {
        assertSameBytes(run.resolve(Reports.HTML), Reports.HTML);
    }

    @Test
    void resultsIndexIsByteIdenticalToTheCommittedOne() {
        assertSameBytes(OUT.resolve(ResultsIndex.FILE), ResultsIndex.FILE);
    }

    @Test
    void fixtureCoversTheOptionalSections() throws IOException {
        String markdown = Files.readString(run.resolve(Reports.MARKDOWN));
        assertThat(markdown).contains("Batched throughput against pgbench", "pool of 10:", "Faults injected and survived",
                "Ratios of means at each round-trip time", "Migration under load");
        assertThat(markdown).doesNotContain("No load runs", "no reliability figures", "no round-trip sweep");
    }

    private static void assertSameBytes(Path rendered, String expectedName) {
        Path expected = fixture.resolve("expected").resolve(expectedName);
        try {
            assertThat(Files.readString(rendered))
                    .as("%s rendered from the fixture (left in %s) differs from the committed %s; if the change is"
                            + " intended, copy the rendered file over the committed one in the same commit",
                            expectedName, rendered, "src/test/resources/report-fixture/expected/" + expectedName)
                    .isEqualTo(Files.readString(expected));
            assertThat(Files.mismatch(rendered, expected)).as("first differing byte of %s", expectedName).isEqualTo(-1L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyRawFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (NOT_RAW.contains(relative.getName(0).toString())) {
                    continue;
                }
                Files.createDirectories(to.resolve(relative).getParent());
                Files.copy(file, to.resolve(relative));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
