package io.cloudunit.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Direct reads of the gateway's schema in the test database, to assert what was stored. */
public final class Database {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/cloudunit_test";

    private Database() {
    }

    public static long eventsWithId(UUID id) {
        try (Connection connection = DriverManager.getConnection(URL, "cloudunit", "cloudunit");
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from gateway.event_log where id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
