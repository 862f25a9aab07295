package dev.trialbench.provision;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server settings trialbench starts its own PostgreSQL servers with (embedded and container),
 * kept in one place so that both providers measure the same thing. An external server (URL) keeps
 * its own settings; the run records them.
 *
 * <p>Durability stays on (fsync, synchronous_commit): the naive path commits every write on its own
 * and the batched path commits once, so turning durability off would hide part of the difference.
 */
public final class ServerSettings {

    /** The PostgreSQL image for Testcontainers: pinned here, and only here. */
    public static final String CONTAINER_IMAGE = "postgres:17.12";

    private ServerSettings() {
    }

    public static Map<String, String> benchmarkSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_preload_libraries", "pg_stat_statements");
        settings.put("pg_stat_statements.track", "top");
        settings.put("pg_stat_statements.max", "10000");
        settings.put("track_io_timing", "on");
        settings.put("max_connections", "200");
        settings.put("shared_buffers", "256MB");
        settings.put("max_wal_size", "4GB");
        settings.put("log_min_messages", "warning");
        // Stated, not left to defaults: zonky starts its server with -F (fsync off) and
        // synchronous_commit=off; -c options come later on its command line and win.
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        return settings;
    }
}
