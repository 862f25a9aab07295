package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.bench.claims.Claim;
import dev.trialbench.bench.claims.Claims;
import dev.trialbench.bench.cli.TrialbenchCommand;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix on three planted copies of the fixture run: PostgreSQL 15, 17 and 18. On 15 the plan of
 * one statement changes shape (before and after) and another only its cost; on 18 the second migration applies two
 * scripts, so its idempotency claim gets another verdict.
 */
class MatrixReportTest {

    private static final String SHAPE_CHANGED = "Limit > Sort > Seq Scan; seq scan on payment_verifications; cost 88.07";
    private static final String NEW_SHAPE = "Limit > Index Scan; indexes idx_payment_verifications_card; cost 8.30";

    @TempDir
    Path dir;

    private Path matrix;
    private Path pg15;
    private Path pg17;
    private Path pg18;

    @BeforeEach
    void plant() {
        matrix = dir.resolve("matrix");
        pg15 = Fixture.copy(matrix.resolve("pg15"), "2026-12-06_abc_vm");
        pg17 = Fixture.copy(matrix.resolve("pg17"), "2026-12-06_abc_vm");
        pg18 = Fixture.copy(matrix.resolve("pg18"), "2026-12-06_abc_vm");
        version(pg15, "PostgreSQL 15.19 on x86_64-pc-linux-gnu");
        version(pg18, "18.6");
        Fixture.edit(pg15, RunFolder.EVIDENCE, text -> text.replace(SHAPE_CHANGED, NEW_SHAPE)
                .replace("Index Only Scan; indexes users_pkey; cost 4.30", "Index Only Scan; indexes users_pkey; cost 4.42"));
        Fixture.edit(pg18, RunFolder.EVIDENCE, text -> text.replace("\"rerunApplied\": 0", "\"rerunApplied\": 2"));
    }

    @Test
    void tableHoldsEachClaimsVerdictPerMajorAndMarksTheOnesThatDiffer() throws IOException {
        Path written = MatrixReport.write(List.of(pg18, pg17, pg15), matrix);
        String text = Files.readString(written);

        assertThat(written).isEqualTo(matrix.resolve("matrix.md"));
        assertThat(text).contains("| claim | 15 | 17 | 18 |  |");
        assertThat(text).contains("| 15 | PostgreSQL 15.19 on x86_64-pc-linux-gnu | [`2026-12-06_abc_vm`](pg15/2026-12-06_abc_vm/) |");
        assertThat(text).contains("| 18 | 18.6 |");

        List<Claim> on17 = Claims.of(RunFolder.read(pg17));
        List<Claim> on18 = Claims.of(RunFolder.read(pg18));
        int changed = 0;
        for (int i = 0; i < on17.size(); i++) {
            Claim before = on17.get(i);
            Claim after = on18.get(i);
            String row = line(text, "| " + before.section() + ": " + before.quote().replace("|", "\\|") + " |");
            String v17 = before.verdict().label();
            String v18 = after.verdict().label();
            assertThat(row).as("row of %s", before.quote()).startsWith("| " + before.section())
                    .contains("| " + v17 + " | " + v17 + " | " + v18 + " |");
            if (!v17.equals(v18)) {
                changed++;
                assertThat(row).endsWith("| **differs** |");
            } else {
                assertThat(row).endsWith("|  |");
            }
        }
        assertThat(changed).as("the planted idempotency change turns one verdict").isEqualTo(1);
        assertThat(text).contains("1 of " + on17.size() + " claims have verdicts that differ between the runs");
    }

    @Test
    void plansAreListedWhereTheirShapeDiffersNotWhereOnlyTheCostDoes() throws IOException {
        MatrixReport.write(List.of(pg15, pg17, pg18), matrix);
        String text = Files.readString(matrix.resolve("matrix.md"));
        String plans = text.substring(text.indexOf("## Plans that differ between majors"));

        // The fixture's LATEST_CARD has the same plan before and after: both statements change shape on 15.
        assertThat(plans).contains("2 of 26 statements (schema, name) have plans that differ");
        assertThat(plans).contains("### after LATEST_CARD\n");
        assertThat(plans).contains("### before LATEST_CARD\n\n| major | plan |\n|---|---|\n"
                + "| 15 | " + NEW_SHAPE + " |\n| 17 | " + SHAPE_CHANGED + " |\n| 18 | " + SHAPE_CHANGED + " |\n");
        assertThat(plans).doesNotContain("FIND_USER");

        MatrixReport.Summary summary = MatrixReport.summary(matrix);
        assertThat(summary.versions()).hasSize(3);
        assertThat(summary.claimsThatDiffer()).isEqualTo(1);
        assertThat(summary.plansThatDiffer()).isEqualTo(2);
        assertThat(summary.statements()).isEqualTo(26);
    }

    @Test
    void sameMajorTwiceGetsNumberedColumnsAndOneRunIsRefused() throws IOException {
        Path again = Fixture.copy(matrix.resolve("pg17-again"), "2026-12-06_def_vm");
        MatrixReport.write(List.of(pg17, again), dir.resolve("new-folder"));
        assertThat(Files.readString(dir.resolve("new-folder").resolve("matrix.md"))).contains("| 17 (2) | PostgreSQL 17.6");
        MatrixReport.write(List.of(pg17, again), dir);
        assertThat(Files.readString(dir.resolve("matrix.md"))).contains("| claim | 17 (1) | 17 (2) |  |")
                .contains("Every claim has the same verdict on every major")
                .contains("have the same plan shape on every major");
        assertThatThrownBy(() -> MatrixReport.write(List.of(pg17), dir)).hasMessageContaining("at least two run folders");
    }

    @Test
    void commandFindsTheRunsUnderItsOutputFolder() throws IOException {
        assertThat(TrialbenchCommand.execute("matrix", "--out", matrix.toString())).isZero();
        assertThat(Files.readString(matrix.resolve("matrix.md"))).contains("| claim | 15 | 17 | 18 |  |");
        assertThat(TrialbenchCommand.execute("matrix", dir.resolve("missing").toString(), pg17.toString(),
                "--out", dir.toString())).isEqualTo(1);
    }

    @Test
    void resultsIndexListsTheMatrixWithItsFigures() throws IOException {
        Path results = dir.resolve("results");
        Path published = results.resolve("2026-12-06_matrix_abc");
        Files.createDirectories(results);
        Files.move(matrix, published);
        MatrixReport.write(MatrixReport.runFoldersUnder(published), published);
        Fixture.copy(results, "2026-12-05_def_vm");

        String index = ResultsIndex.render(results);

        assertThat(index).contains("[`2026-12-05_def_vm`](2026-12-05_def_vm/)");
        assertThat(index).contains("## PostgreSQL majors\n");
        assertThat(index).contains("| 2026-12-06 | [`2026-12-06_matrix_abc`](2026-12-06_matrix_abc/matrix.md) |"
                + " PostgreSQL 15.19 on x86_64-pc-linux-gnu, PostgreSQL 17.6 on x86_64-pc-linux-gnu, 18.6 |"
                + " 1 of " + Claims.of(RunFolder.read(pg17.getFileSystem().getPath(published.toString(), "pg17",
                        "2026-12-06_abc_vm"))).size() + " claims | 2 of 26 statements |");
    }

    private static void version(Path run, String version) {
        Fixture.edit(run, RunFolder.ENVIRONMENT, text -> text.replace("PostgreSQL 17.6 on x86_64-pc-linux-gnu", version));
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no row starting " + prefix + " in\n" + text));
    }
}
