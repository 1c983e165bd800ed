package io.cloudunit.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read-only looks into the CloudUnit schemas of the platform's database. */
final class TenantRows {
    static final List<String> SCHEMAS = List.of("tenant", "build", "deployer", "gateway");
    private static final String TABLES_WITH_TENANT = """
            select table_schema || '.' || table_name from information_schema.columns
            where column_name = 'tenant' and table_schema = any (?)
              and (table_schema, table_name) in (select table_schema, table_name from information_schema.tables
                                                 where table_type = 'BASE TABLE')
            order by 1""";

    private TenantRows() {
    }

    /** Every table of the CloudUnit schemas with a column named {@code tenant}, as {@code schema.table}. */
    static List<String> tablesWithATenantColumn() {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(TABLES_WITH_TENANT)) {
            query.setArray(1, db.createArrayOf("text", SCHEMAS.toArray()));
            return strings(query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code schema.table} → rows of the tenant, for each table that has at least one. */
    static Map<String, Long> rowsOf(String tenant, List<String> tables) {
        Map<String, Long> found = new TreeMap<>();
        for (String table : tables) {
            long count = count("select count(*) from " + table + " where tenant = ?", tenant);
            if (count > 0) {
                found.put(table, count);
            }
        }
        return found;
    }

    static long count(String sql, Object... params) {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<String> strings(PreparedStatement query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(Platform.DATABASE, "cloudunit", "cloudunit");
    }
}
