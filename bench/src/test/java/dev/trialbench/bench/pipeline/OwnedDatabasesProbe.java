package dev.trialbench.bench.pipeline;

import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import java.util.List;

/** {@link OwnedDatabases#stale} on a URL server, as a later run would see it. */
final class OwnedDatabasesProbe {

    private OwnedDatabasesProbe() {
    }

    static List<String> stale(String jdbcUrl) {
        try (ProvisionedDatabase server = Provisioner.provision(new DatabaseRequest(DatabaseKind.URL, jdbcUrl, "postgres",
                null))) {
            return OwnedDatabases.stale(server);
        }
    }
}
