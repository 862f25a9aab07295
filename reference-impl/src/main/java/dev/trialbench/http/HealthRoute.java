package dev.trialbench.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code GET /health}: 200 when a connection from the pool answers {@code SELECT 1}, 503 (with
 * {@code Retry-After: 1}) when it does not. Thread-safe (the pool is).
 */
final class HealthRoute extends Route {

    private final DataSource dataSource;

    HealthRoute(DataSource dataSource) {
        super("/health", Pattern.compile("/health"), Set.of("GET"));
        this.dataSource = dataSource;
    }

    @Override
    Response serve(Incoming request, Matcher path) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return Response.json(200, Map.of("status", "ok"));
        } catch (SQLException | RuntimeException e) {
            return Response.json(503, Map.of("status", "unavailable")).withHeader("Retry-After", "1");
        }
    }
}
