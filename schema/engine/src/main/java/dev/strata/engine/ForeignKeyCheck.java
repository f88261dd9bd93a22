package dev.strata.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's documented procedure for schema changes, as Django's SQLite schema editor also does it:
 * foreign keys off before the transaction (SQLite ignores the pragma inside one, and with them on,
 * dropping a rebuilt parent table cascades into its children), PRAGMA foreign_key_check before commit,
 * foreign keys back on after.
 */
final class ForeignKeyCheck {
    private ForeignKeyCheck() {
    }

    static boolean isSqlite(Connection connection) {
        try {
            return connection.getMetaData().getURL().startsWith("jdbc:sqlite:");
        } catch (SQLException e) {
            return false;
        }
    }

    static void enforce(Connection connection, boolean on) {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
        } catch (SQLException e) {
            throw new SchemaException("cannot switch foreign keys " + (on ? "on" : "off") + ": " + Target.reason(e));
        }
    }

    /** Throws, naming up to five offending rows, when any foreign key is violated. */
    static void verify(Connection connection) {
        List<String> violations = new ArrayList<>();
        int total = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                total++;
                if (violations.size() < 5) {
                    violations.add(rs.getString(1) + " rowid " + rs.getLong(2) + " -> " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new SchemaException("foreign key check failed: " + Target.reason(e)
                    + "; a changeset left a foreign key pointing at a missing table or column");
        }
        if (total > 0) {
            throw new SchemaException(total + " row(s) violate foreign keys after the changesets ran, e.g. "
                    + String.join(", ", violations) + "; fix the data in the changeset (or before it). Nothing was changed");
        }
    }
}
