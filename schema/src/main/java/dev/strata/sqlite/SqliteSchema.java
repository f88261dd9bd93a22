package dev.strata.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.UnexpectedLiquibaseException;

/** The live schema, read inside the migration's transaction, so earlier changes are already visible. */
final class SqliteSchema {
    /** A row of sqlite_master that has SQL: a table, index, trigger or view. */
    record Entry(String type, String name, String table, String sql) {
    }

    private final Connection connection;
    private List<Entry> entries;

    private SqliteSchema(Connection connection) {
        this.connection = connection;
    }

    static SqliteSchema of(Database database) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            throw new UnexpectedLiquibaseException("Strata's SQLite changes need a live JDBC connection;"
                    + " SQL output mode cannot render a table rebuild");
        }
        return new SqliteSchema(jdbc.getUnderlyingConnection());
    }

    String tableSql(String table) {
        for (Entry e : entries()) {
            if (e.type().equals("table") && e.name().equalsIgnoreCase(table)) {
                return e.sql();
            }
        }
        throw new UnexpectedLiquibaseException("table " + table + " does not exist");
    }

    /** sqlite_master, read once: one instance serves one statement's generation, before anything runs. */
    List<Entry> entries() {
        if (entries == null) {
            entries = readEntries();
        }
        return entries;
    }

    private List<Entry> readEntries() {
        List<Entry> result = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master"
                     + " WHERE sql IS NOT NULL ORDER BY rowid")) {
            while (rs.next()) {
                result.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return result;
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException("cannot read the SQLite schema: " + e.getMessage(), e);
        }
    }

    boolean foreignKeysEnforced() {
        return rows("PRAGMA foreign_keys", 1).get(0).equals("1");
    }

    /** Up to {@code limit} rows of {@code query}, each rendered as {@code col=value, col=value}. */
    List<String> rows(String query, int limit) {
        List<String> result = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next() && result.size() < limit) {
                if (meta.getColumnCount() == 1) {
                    result.add(String.valueOf(rs.getObject(1)));
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    fields.add(meta.getColumnLabel(i) + "=" + rs.getObject(i));
                }
                result.add(String.join(", ", fields));
            }
            return result;
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException("cannot query SQLite: " + e.getMessage(), e);
        }
    }

    /** Fails the change, naming the table, the constraint and a sample of the rows that prevent it. */
    void refuseIfAny(String query, String table, String constraint, String advice) {
        List<String> offending = rows(query, 5);
        if (!offending.isEmpty()) {
            throw new UnexpectedLiquibaseException("cannot add " + constraint + " to " + table + ": existing rows"
                    + " violate it, e.g. [" + String.join("; ", offending) + "]; " + advice);
        }
    }
}
