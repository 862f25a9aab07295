package dev.trialbench.monitor;

/** Which server, database and schema the monitor reads. Immutable and thread-safe. */
public record ServerInfo(String database, String schema, String serverVersion, int serverVersionNumber) {
}
