package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.claims.Answer;
import dev.trialbench.bench.claims.Answers;
import dev.trialbench.bench.runfolder.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersSectionTest {

    @TempDir
    Path temp;

    @Test
    void theReportOpensWithTheAnswersOneLineEachAndTheFactorialChart() throws IOException {
        Path folder = Fixture.copyAll(temp);
        List<Answer> answers = Answers.of(dev.trialbench.bench.runfolder.RunFolder.read(folder));

        Reports.write(folder, ReportRegenerationTest.FIXTURE_RENDERING);
        String markdown = Files.readString(folder.resolve(Reports.MARKDOWN));

        assertThat(markdown).contains("## Contents\n\n- [The answers](#answers)\n- [Headline](#headline)\n");
        String afterContents = markdown.substring(markdown.indexOf("<a id=\""));
        assertThat(afterContents).startsWith("<a id=\"answers\"></a>\n\n## The answers\n");
        String firstSection = afterContents.substring(0, afterContents.indexOf("<a id=\"headline\">"));
        for (Answer answer : answers) {
            assertThat(firstSection).contains("- " + AnswersSection.line(answer) + "\n");
            assertThat(AnswersSection.line(answer).replace("**", "")).isEqualTo(answer.line());
        }
        assertThat(firstSection).contains("**HOLDS ONLY IF the round trip is short (below about 0.053 ms, estimated)**", "**FAILS**", "**HOLDS ONLY IF at the offered rates measured**",
                "(charts/" + FactorialChart.NAME + ".png)");
        assertThat(markdown.indexOf("## The answers")).isLessThan(markdown.indexOf("## Headline"));
        assertThat(folder.resolve("charts/" + FactorialChart.NAME + ".svg")).isNotEmptyFile();
        assertThat(folder.resolve("charts/" + LoadOverTimeChart.NAME + ".svg")).isNotEmptyFile();
        assertThat(markdown).contains("(charts/" + LoadOverTimeChart.NAME + ".png)");
    }
}
