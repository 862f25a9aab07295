package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsIndexTest {

    @TempDir
    Path temp;

    @Test
    void listsRunsNewestFirstWithTheirHeadlines() throws IOException {
        run("2025-10-30_1111111_ci-runner", "2025-10-30T22:00:00Z", "ci-runner");
        run("2025-11-02_688b999_bench-laptop", "2025-11-02T09:14:03Z", "bench-laptop");
        run("2025-11-02_2222222_bench-laptop", "2025-11-02T17:40:00Z", "bench-laptop");
        Files.createDirectories(temp.resolve("not-a-run"));

        Path index = ResultsIndex.write(temp);

        List<String> rows = Files.readAllLines(index).stream().filter(line -> line.startsWith("| 20")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains("2025-11-02_2222222_bench-laptop");
        assertThat(rows.get(1)).contains("2025-11-02_688b999_bench-laptop");
        assertThat(rows.get(2)).contains("2025-10-30_1111111_ci-runner").contains("| ci-runner |");
        assertThat(rows.get(1)).contains("| quick | 0.05 |").containsPattern("\\d ms -> \\d\\.\\d+ ms \\(\\d+\\.\\d+x\\)")
                .contains("[`2025-11-02_688b999_bench-laptop`](2025-11-02_688b999_bench-laptop/)");
        assertThat(Files.readString(index)).doesNotContain("not-a-run");
    }

    @Test
    void linksTheReportOnceItExists() {
        Path folder = run("2025-11-02_688b999_bench-laptop", "2025-11-02T09:14:03Z", "bench-laptop");
        Reports.write(folder);

        assertThat(ResultsIndex.render(temp))
                .contains("[`2025-11-02_688b999_bench-laptop`](2025-11-02_688b999_bench-laptop/report.md)");
    }

    @Test
    void listsAnUnreadableRunWithTheReason() throws IOException {
        Path folder = run("2025-11-01_3333333_broken", "2025-11-01T08:00:00Z", "broken");
        Files.delete(folder.resolve(RunFolder.JMH_AFTER));

        assertThat(ResultsIndex.render(temp)).contains("2025-11-01_3333333_broken")
                .contains("**unreadable**: run folder").contains("lacks jmh-after.json");
    }

    @Test
    void sameFoldersGiveTheSameIndex() {
        run("2025-11-02_688b999_bench-laptop", "2025-11-02T09:14:03Z", "bench-laptop");

        assertThat(ResultsIndex.render(temp)).isEqualTo(ResultsIndex.render(temp));
    }

    private Path run(String name, String startedAt, String host) {
        Path folder = Fixture.copy(temp, name);
        Fixture.edit(folder, RunFolder.ENVIRONMENT, text -> text
                .replace("\"startedAt\": \"2025-11-02T09:14:03Z\"", "\"startedAt\": \"" + startedAt + "\"")
                .replace("\"host\": \"bench-laptop\"", "\"host\": \"" + host + "\""));
        return folder;
    }
}
