package dev.trialbench.bench.pipeline;

import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.ProvisionedDatabase;

/** Pool settings of the pipeline's helpers (not the code under test, which uses the Fix 4 defaults). */
final class PoolConfigs {

    private PoolConfigs() {
    }

    /** One connection for the migration writer, tagged so the lock sampler can find it. */
    static PoolConfig forWriter(ProvisionedDatabase server, String database) {
        return PoolConfig.defaults(server.jdbcUrlFor(database), server.username(), server.password())
                .withMaximumPoolSize(1)
                .withApplicationName(MigrationUnderWriter.WRITER_APPLICATION);
    }
}
