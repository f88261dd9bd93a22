package dev.strata.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads Liquibase's tracking table directly over JDBC: the fast path never starts Liquibase. */
public final class TrackingTable {
    /** Liquibase's tracking table (the default name, which Strata does not change). */
    public static final String CHANGELOG = "DATABASECHANGELOG";
    /** Liquibase's lock table. */
    public static final String LOCK = "DATABASECHANGELOGLOCK";

    private TrackingTable() {
    }

    public static List<AppliedChangeset> read(Connection connection) {
        try {
            if (!exists(connection)) {
                return List.of();
            }
            List<AppliedChangeset> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT ID, AUTHOR, FILENAME, MD5SUM, DATEEXECUTED,"
                         + " ORDEREXECUTED, EXECTYPE, TAG FROM " + CHANGELOG + " ORDER BY ORDEREXECUTED, DATEEXECUTED")) {
                while (rs.next()) {
                    rows.add(new AppliedChangeset(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new SchemaException("cannot read the tracking table " + CHANGELOG + ": " + Target.reason(e)
                    + "; is this a database managed by Liquibase or Strata?");
        }
    }

    static boolean exists(Connection connection) throws SQLException {
        return exists(connection, CHANGELOG);
    }

    /** Whether one of Liquibase's tables exists (upper case on SQLite, lower case on PostgreSQL). */
    static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
