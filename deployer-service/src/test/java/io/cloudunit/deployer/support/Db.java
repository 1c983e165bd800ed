package io.cloudunit.deployer.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on the test database, to look at (and stage) rows the way an operator would. */
public final class Db {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/cloudunit_test";

    private Db() {
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = prepare(c, sql, params)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a test tenant's rows (only for tests that leave something no event can clean). */
    public static void forgetTenant(String tenant) {
        update("delete from deployer.deployment where tenant = ?", tenant);
        update("delete from deployer.release where tenant = ?", tenant);
        update("delete from deployer.build_status where tenant = ?", tenant);
        update("delete from deployer.instance where tenant = ?", tenant);
        update("delete from deployer.app_spec where tenant = ?", tenant);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "cloudunit", "cloudunit");
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }
}
