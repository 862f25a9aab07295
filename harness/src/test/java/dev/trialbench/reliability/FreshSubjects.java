package dev.trialbench.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Test data for the experiments: {@code count} new users without history (one INSERT) and as many
 * fingerprints that no device row has. Stateless.
 */
final class FreshSubjects {

    private FreshSubjects() {
    }

    static Subjects insert(DataSource dataSource, int count) {
        List<UUID> users = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO users (user_id, email, name)
                     SELECT gen_random_uuid(), 'r' || g || '-' || md5(random()::text) || '@example.test', 'Reliability'
                     FROM generate_series(1, ?) g
                     RETURNING user_id""")) {
            insert.setInt(1, count);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    users.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fingerprints.add("fp-" + UUID.randomUUID().toString().replace("-", ""));
        }
        return new Subjects(users, fingerprints);
    }
}
