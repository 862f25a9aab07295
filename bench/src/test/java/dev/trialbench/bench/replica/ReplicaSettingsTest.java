package dev.trialbench.bench.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.profile.RunProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's replica table states what each profile's {@link ReplicaSettings} are. */
class ReplicaSettingsTest {

    @Test
    void theReadmesReplicaTableStatesEachProfilesSettings() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        ReplicaSettings quick = ReplicaSettings.of(RunProfile.QUICK);
        ReplicaSettings full = ReplicaSettings.of(RunProfile.FULL);

        assertThat(readme)
                .contains("on the replica) | " + quick.rounds() + " | " + full.rounds() + " |")
                .contains("| seconds per phase | " + quick.phaseSeconds() + " | " + full.phaseSeconds() + " |")
                .contains("(1000 newest reports) | " + quick.activationThreads() + " / " + quick.listingThreads() + " | "
                        + full.activationThreads() + " / " + full.listingThreads() + " |")
                .contains("| read-your-writes probes | " + quick.probes() + " | " + full.probes() + " |");
    }
}
