package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trialbench.bench.runfolder.ServiceProfile.Blocked;
import dev.trialbench.bench.runfolder.ServiceProfile.Category;
import dev.trialbench.bench.runfolder.ServiceProfile.CategorySamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary of a real JFR recording of this JVM around work of a known shape ({@link ProfiledWork}):
 * what it must hold whatever the machine's speed (every category, shares that add up, the forced
 * waits with their blockers), and the run folders without a recording.
 */
class ServiceProfileTest {

    @TempDir
    static Path temp;
    private static ProfiledWork.Recorded recorded;
    private static ServiceProfile profile;

    @BeforeAll
    static void record() throws Exception {
        Files.createDirectories(temp.resolve("run/load"));
        recorded = ProfiledWork.record(temp.resolve("run").resolve(ServiceProfile.FILE));
        profile = ServiceProfile.read(temp.resolve("run")).orElseThrow();
    }

    @Test
    void theRecordingIsWrittenAndStaysSmall() throws Exception {
        long size = Files.size(recorded.file());
        assertThat(recorded.printed()).contains("JFR profile of the service: pgbench-goal.jfr");
        assertThat(size).isPositive().isLessThan(3L * 1024 * 1024);
    }

    @Test
    void everyCategoryIsListedInOrderAndTheSharesAddUpToTheWhole() {
        assertThat(profile.file()).isEqualTo(ServiceProfile.FILE);
        assertThat(profile.categories()).extracting(CategorySamples::category).containsExactly(Category.values());
        assertThat(profile.samples()).isPositive();
        assertThat(profile.categories().stream().mapToLong(CategorySamples::samples).sum()).isEqualTo(profile.samples());
        assertThat(profile.categories().stream().mapToDouble(CategorySamples::share).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(profile.samplePeriod()).isEqualTo("20 ms");
        assertThat(profile.parkThreshold()).isEqualTo("1 ms");
        assertThat(profile.seconds()).isPositive();
    }

    @Test
    void theServiceThreadsJsonWorkIsJacksonOrTheServicesOwnAndTheOtherThreadIsOther() {
        Map<Category, Long> samples = profile.categories().stream()
                .collect(Collectors.toMap(CategorySamples::category, CategorySamples::samples));
        assertThat(samples.get(Category.JACKSON) + samples.get(Category.SERVICE) + samples.get(Category.JDK_OTHER))
                .isPositive();
        assertThat(samples.get(Category.POSTGRES_DRIVER)).isZero();
        assertThat(samples.get(Category.HIKARI)).isZero();
        assertThat(samples.get(Category.JDBI)).isZero();
        assertThat(profile.topMethods()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(profile.topMethods()).allSatisfy(method -> assertThat(method.method()).doesNotContain("/0x"));
        assertThat(profile.topMethods().stream().mapToLong(ServiceProfile.MethodSamples::samples).sum())
                .isLessThanOrEqualTo(profile.samples() - samples.get(Category.OTHER_THREADS));
    }

    @Test
    void theForcedWaitsAreBlockedTimeWithTheirBlockersAndWhereTheyWaited() {
        assertThat(profile.blocked()).anySatisfy(wait -> {
            assertThat(wait.kind()).isEqualTo("monitor");
            assertThat(wait.blocker()).isEqualTo(ProfiledWork.Contended.class.getName());
            assertThat(wait.site()).startsWith(ProfiledWork.class.getName() + ".lambda$");
            assertThat(wait.millis()).isGreaterThanOrEqualTo(1);
        });
        assertThat(profile.blocked()).anySatisfy(wait -> {
            assertThat(wait.kind()).isEqualTo("park");
            assertThat(wait.blocker()).isEqualTo(ProfiledWork.Parked.class.getName());
            assertThat(wait.millis()).isGreaterThanOrEqualTo(1);
        });
        assertThat(profile.blocked()).as("an idle pool worker waits in its queue's take, not in the JDK's parking")
                .anySatisfy(wait -> assertThat(wait.site()).isEqualTo("java.util.concurrent.LinkedBlockingQueue.take"));
        assertThat(profile.blocked()).extracting(Blocked::millis).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(profile.blockedTotals()).extracting(ServiceProfile.BlockedTotal::kind)
                .containsExactly("monitor", "park", "socket read", "socket write");
        assertThat(profile.blockedTotals().get(0).events()).isPositive();
    }

    @Test
    void arrayClassesAreNamedAsJavaWritesThem() {
        assertThat(JfrNames.readable("[I")).isEqualTo("int[]");
        assertThat(JfrNames.readable("[[Ljava.lang.Object;")).isEqualTo("java.lang.Object[][]");
        assertThat(JfrNames.readable("java.lang.Object")).isEqualTo("java.lang.Object");
    }

    @Test
    void aRunFolderWithoutTheRecordingHasNoProfile() {
        assertThat(ServiceProfile.read(temp.resolve("no-such-run"))).isEmpty();
    }

    @Test
    void aFileThatIsNotARecordingIsRefusedWithItsName() throws Exception {
        Path run = temp.resolve("broken");
        Files.createDirectories(run.resolve("load"));
        Files.writeString(run.resolve(ServiceProfile.FILE), "not a recording");
        assertThatThrownBy(() -> ServiceProfile.read(run)).isInstanceOf(RunFolderException.class)
                .hasMessageContaining(ServiceProfile.FILE);
    }
}
