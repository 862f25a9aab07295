package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.bench.jmh.SeededDatabase.Seeded;
import dev.trialbench.db.Jdbis;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target file: written privately, read back into the same data set and a working pool; clear errors. */
class BenchTargetTest {

    @TempDir
    Path folder;

    @Test
    void writtenTargetOpensThePoolAndRebuildsTheSamePlan() {
        Seeded seeded = SeededDatabase.shared();
        SeedConfig config = seeded.config().withReservedDevices(seeded.config().reservedDevices() + 7);
        Path file = folder.resolve("run/target.properties");
        BenchTarget.write(file, seeded.dataSource().getJdbcUrl(), seeded.dataSource().getUsername(),
                TestPostgres.server().password(), config);

        try (BenchTarget target = BenchTarget.open(file)) {
            assertThat(target.plan().config()).isEqualTo(config);
            assertThat(target.plan().reservedUser(0)).isEqualTo(seeded.plan().reservedUser(0));
            assertThat(new Workload(Jdbis.create(target.dataSource()), target.plan()).selectOne()).isEqualTo(1);
            assertThat(target.toString()).doesNotContain("password");
        }
    }

    @Test
    void targetFileIsReadableByItsOwnerOnlyAndRewritable() throws Exception {
        Path file = folder.resolve("target.properties");
        BenchTarget.write(file, "jdbc:postgresql://db.example/x", "bench", "s3cret", SeededDatabase.shared().config());
        BenchTarget.write(file, "jdbc:postgresql://db.example/y", "bench", "s3cret", SeededDatabase.shared().config());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("db.example/y");
        try (var siblings = Files.list(folder)) {
            assertThat(siblings).containsExactly(file);
        }
    }

    @Test
    void missingSystemPropertyIsNamed() {
        String previous = System.clearProperty(BenchTarget.PROPERTY);
        try {
            assertThatThrownBy(BenchTarget::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("system property trialbench.target is not set")
                    .hasMessageContaining("-jvmArgsAppend");
        } finally {
            if (previous != null) {
                System.setProperty(BenchTarget.PROPERTY, previous);
            }
        }
    }

    @Test
    void missingOrInvalidKeysAreNamed() throws Exception {
        Path file = folder.resolve("partial.properties");
        Files.write(file, List.of("jdbcUrl=jdbc:postgresql://localhost/x", "user=u", "seed=1", "scale=0.01"));
        assertThatThrownBy(() -> BenchTarget.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks 'anchor'");

        Files.write(file, List.of("jdbcUrl=jdbc:postgresql://localhost/x", "user=u", "seed=1", "scale=tiny",
                "anchor=2025-01-01T00:00:00Z"));
        assertThatThrownBy(() -> BenchTarget.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid scale 'tiny'");

        assertThatThrownBy(() -> BenchTarget.open(folder.resolve("absent.properties")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("absent.properties");
    }
}
