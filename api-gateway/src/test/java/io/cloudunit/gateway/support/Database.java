package io.cloudunit.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public static long eventsOfTenant(String tenant) {
        try (Connection connection = DriverManager.getConnection(URL, "cloudunit", "cloudunit");
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from gateway.event_log where tenant = ?")) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit rows stored with this request id, each as column → value. */
    public static List<Map<String, Object>> auditRows(String requestId) {
        try (Connection connection = DriverManager.getConnection(URL, "cloudunit", "cloudunit");
                PreparedStatement query = connection.prepareStatement(
                        "select * from gateway.audit_log where request_id = ? order by id")) {
            query.setString(1, requestId);
            try (ResultSet rows = query.executeQuery()) {
                List<Map<String, Object>> found = new ArrayList<>();
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.put(columns.getColumnName(i), rows.getObject(i));
                    }
                    found.add(row);
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement in a transaction that is rolled back whatever happens: it can never change the data. */
    public static void executeAndRollBack(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "cloudunit", "cloudunit")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } finally {
                connection.rollback();
            }
        }
    }
}
