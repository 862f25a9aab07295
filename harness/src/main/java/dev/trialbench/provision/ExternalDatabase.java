package dev.trialbench.provision;

import dev.trialbench.db.JdbcUrls;

/** A server trialbench did not start: it is used as it is and never stopped. */
final class ExternalDatabase implements ProvisionedDatabase {

    private final DatabaseRequest request;
    private final String reason;

    private ExternalDatabase(DatabaseRequest request, String reason) {
        this.request = request;
        this.reason = reason;
    }

    static ExternalDatabase connect(DatabaseRequest request, String reason) {
        return new ExternalDatabase(request, reason + " (" + JdbcUrls.mask(request.jdbcUrl()) + ")");
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.URL;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public String jdbcUrl() {
        return request.jdbcUrl();
    }

    @Override
    public String username() {
        return request.username() == null ? "postgres" : request.username();
    }

    @Override
    public String password() {
        return request.password() == null ? "" : request.password();
    }

    @Override
    public String jdbcUrlFor(String database) {
        return JdbcUrlsWithDatabase.replaceDatabase(request.jdbcUrl(), database);
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
