package dev.strata.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Liquibase's lock row, read before Liquibase runs: Liquibase would poll a held row for minutes while this
 * transaction holds SQLite's write lock, and every service write would time out meanwhile.
 */
final class LockRow {
    private LockRow() {
    }

    /** Who holds the lock and since when, when a committed row says LOCKED; empty when free or absent. */
    static Optional<String> holder(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK"
                     + " WHERE ID = 1 AND LOCKED <> 0")) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of((row.getString(1) == null ? "an unnamed process" : row.getString(1))
                    + (row.getString(2) == null ? "" : " since " + row.getString(2)));
        } catch (SQLException e) {
            return Optional.empty(); // no lock table yet: Liquibase creates it
        }
    }

    /** Fails at once, naming the holder, when the lock row is held. */
    static void requireFree(Connection connection, String operation) {
        holder(connection).ifPresent(holder -> {
            throw new SchemaException("cannot " + operation + ": Liquibase's lock (DATABASECHANGELOGLOCK) is held by "
                    + holder + "; another migrator is running, or one was killed and left it behind. Nothing was"
                    + " changed and the services were not held up; if no migrator is running, release the lock"
                    + " (Liquibase's release-locks) and try again");
        });
    }
}
