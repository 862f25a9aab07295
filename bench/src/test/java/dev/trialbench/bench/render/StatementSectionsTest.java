package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run without pg_stat_statements says "not collected" where the statement times would be, never zeros. */
class StatementSectionsTest {

    @TempDir
    Path temp;

    @Test
    void statisticsNotCollectedAreSaidSoAndTheScansComeFromThePlans() {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.EVIDENCE, text -> text.replaceFirst("\\{", "{\"statementStatisticsNotCollected\":"
                + " \"The pg_stat_statements extension is not installed in this database.\", "));

        Document.Section section = StatementSections.of(RunFolder.read(folder).evidence()).get(0);

        assertThat(section.blocks()).hasSize(2).allSatisfy(block -> assertThat(block).isInstanceOf(Document.Paragraph.class));
        assertThat(((Document.Paragraph) section.blocks().get(0)).text())
                .contains("Not collected", "not installed").doesNotContain("0 calls");
        assertThat(((Document.Paragraph) section.blocks().get(1)).text()).startsWith("Still scanning after the migrations");
    }

    @Test
    void anOlderEvidenceFileWithoutTheFieldKeepsTheTable() {
        Document.Section section = StatementSections.of(Fixture.read(temp).evidence()).get(0);

        assertThat(section.blocks()).anySatisfy(block -> assertThat(block).isInstanceOf(Document.Table.class));
    }
}
