package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeparturesSectionTest {

    /** The project README, from the bench module's folder (where Maven runs the tests). */
    private static final Path README = Path.of("../README.md");

    @Test
    void theDeparturesAreTheReadmesTable() throws IOException {
        assumeTrue(Files.isRegularFile(README), "the project README is not next to the bench module");
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("## Where the reference implementation departs"));
        List<List<String>> rows = section.lines().takeWhile(line -> !line.startsWith("The report's other indexes"))
                .filter(line -> line.startsWith("| ")).skip(1)
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("(?<!\\\\)\\|"))
                        .map(cell -> cell.strip().replace("\\|", "|")).toList())
                .toList();

        assertThat(DeparturesSection.ALL.stream()
                .map(departure -> List.of(departure.report(), departure.here(), departure.why())).toList())
                .isEqualTo(rows);
    }
}
