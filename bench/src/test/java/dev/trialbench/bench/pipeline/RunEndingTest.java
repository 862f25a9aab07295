package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.claims.Answer;
import dev.trialbench.bench.claims.Answers;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEndingTest {

    @TempDir
    Path temp;

    @Test
    void theRunEndsWithTheAnswersOfTheReportThenItsPath() {
        Path folder = Fixture.copyAll(temp);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        RunEnding.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), folder, 12);

        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = Answers.of(RunFolder.read(folder)).stream().map(Answer::line).toList();
        assertThat(lines).hasSize(5);
        assertThat(out).startsWith(System.lineSeparator() + String.join(System.lineSeparator(), lines)
                + System.lineSeparator());
        assertThat(out.indexOf(lines.get(4))).isLessThan(out.indexOf("report: "));
        assertThat(out).contains("Is trial activation 6x faster, and from what? HOLDS ONLY IF the round trip is short (below about 0.053 ms, estimated): ");
    }

    @Test
    void aFolderTheAnswersCannotBeReadFromSaysSoInOneLine() {
        assertThat(RunEnding.answersOf(temp.resolve("nothing-here"))).singleElement().asString()
                .startsWith("the answers could not be read back from the run folder: ");
    }
}
