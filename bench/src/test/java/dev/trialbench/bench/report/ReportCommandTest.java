package dev.trialbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.cli.TrialbenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureTheTerminal() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheTerminal() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void regeneratesTheReportOfARunFolder() {
        Path folder = Fixture.copy(temp);

        int exit = TrialbenchCommand.execute("report", folder.toString());

        assertThat(exit).isEqualTo(0);
        assertThat(folder.resolve(Reports.MARKDOWN)).isNotEmptyFile();
        assertThat(folder.resolve(Reports.HTML)).isNotEmptyFile();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote 8 files").contains("report.md");
    }

    @Test
    void exitsOneNamingTheMissingFile() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.delete(folder.resolve(RunFolder.EVIDENCE));

        int exit = TrialbenchCommand.execute("report", folder.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("trialbench report: ").contains("lacks evidence.json");
    }

    @Test
    void exitsOneNamingTheMalformedFile() {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.ENVIRONMENT, text -> "{ \"host\": ");

        int exit = TrialbenchCommand.execute("report", folder.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("environment.json is not valid JSON");
    }

    @Test
    void rewritesTheResultsIndex() {
        Fixture.copy(temp);

        int exit = TrialbenchCommand.execute("report", "--index", temp.toString());

        assertThat(exit).isEqualTo(0);
        assertThat(temp.resolve(ResultsIndex.FILE)).content().contains(Fixture.RUN_NAME);
    }

    @Test
    void wantsEitherAFolderOrTheIndex() {
        assertThat(TrialbenchCommand.execute("report")).isEqualTo(2);
        assertThat(TrialbenchCommand.execute("report", temp.toString(), "--index", temp.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give either a run folder");
    }
}
