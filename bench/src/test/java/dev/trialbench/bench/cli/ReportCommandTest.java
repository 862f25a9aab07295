package dev.trialbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.render.Reports;
import dev.trialbench.bench.render.ResultsIndex;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.testing.TerminalCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void regeneratesTheReportOfARunFolder() {
        Path folder = Fixture.copy(temp);

        int exit = TrialbenchCommand.execute("report", folder.toString());

        assertThat(exit).isEqualTo(0);
        assertThat(folder.resolve(Reports.MARKDOWN)).isNotEmptyFile();
        assertThat(folder.resolve(Reports.HTML)).isNotEmptyFile();
        assertThat(terminal.out()).contains("wrote 8 files").contains("report.md");
    }

    @Test
    void exitsOneNamingTheMissingFile() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.delete(folder.resolve(RunFolder.EVIDENCE));

        int exit = TrialbenchCommand.execute("report", folder.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(terminal.err()).startsWith("trialbench report: ").contains("lacks evidence.json");
    }

    @Test
    void exitsOneNamingTheMalformedFile() {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.ENVIRONMENT, text -> "{ \"host\": ");

        int exit = TrialbenchCommand.execute("report", folder.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(terminal.err()).contains("environment.json is not valid JSON");
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
        assertThat(terminal.err()).contains("give either a run folder");
    }
}
