package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.ProfiledWork;
import dev.trialbench.bench.runfolder.ServiceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal run's profile in the report: the report fixture (load runs with a {@code pgbench-goal} run)
 * rendered with a real recording of this JVM ({@link ProfiledWork}) as its {@value ServiceProfile#FILE},
 * and without one, as every run before the profile existed.
 */
class ServiceProfileSectionTest {

    @TempDir
    Path temp;

    @Test
    void aRunWithTheRecordingShowsWhereTheServicesJvmSpentItsSamplesBesideThePgbenchComparison() throws Exception {
        Path run = Fixture.copyAll(temp);
        ProfiledWork.record(run.resolve(ServiceProfile.FILE));

        Reports.write(run, ReportRegenerationTest.FIXTURE_RENDERING);

        String markdown = Files.readString(run.resolve(Reports.MARKDOWN));
        String html = Files.readString(run.resolve(Reports.HTML));
        String load = markdown.substring(markdown.indexOf("Batched throughput against pgbench"),
                markdown.indexOf("Where the cores went during each run"));
        assertThat(load).contains(ServiceProfileSection.TITLE, "`load/pgbench-goal.jfr`", "every 20 ms",
                "| where (first matching frame from the top) | samples | share of all samples |",
                "| PostgreSQL driver (`org.postgresql`) |", "| HikariCP (`com.zaxxer.hikari`) |", "| Jdbi (`org.jdbi`) |",
                "| Jackson (`com.fasterxml.jackson`) |", "| Jetty (`org.eclipse.jetty`) |",
                "| the service's own code (`dev.trialbench`) |", "| JDK and other libraries |",
                "| other threads of the JVM (not the service's) |",
                "the service threads' top frame (self samples)", "each at least 1 ms",
                "`" + ProfiledWork.Contended.class.getName() + "`", "`" + ProfiledWork.Parked.class.getName() + "`");
        assertThat(html).contains("JVM spent its samples during <code>pgbench-goal</code>",
                "<td>Jackson (<code>com.fasterxml.jackson</code>)</td>");
    }

    @Test
    void aRunWithoutTheRecordingRendersTheSectionAsBefore() throws Exception {
        Path run = Fixture.copyAll(temp);

        Reports.write(run, ReportRegenerationTest.FIXTURE_RENDERING);

        String markdown = Files.readString(run.resolve(Reports.MARKDOWN));
        assertThat(markdown).contains("Batched throughput against pgbench").doesNotContain(ServiceProfileSection.TITLE,
                "pgbench-goal.jfr");
    }
}
