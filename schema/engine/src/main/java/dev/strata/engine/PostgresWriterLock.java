package dev.strata.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.AutoSave;

/**
 * What makes one engine transaction safe on PostgreSQL: a transaction-scoped advisory lock serialises
 * writers (released by commit, rollback or a killed process alike), and pgjdbc's autosave puts a savepoint
 * before each statement, because Liquibase expects to survive a failed statement (it probes for its tables)
 * and PostgreSQL otherwise aborts the whole transaction at the first error.
 */
final class PostgresWriterLock {
    /** One lock per database for every Strata writer: the first 8 bytes of "strata.m" read as a number. */
    static final long KEY = 0x7374726174612e6dL;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private PostgresWriterLock() {
    }

    static boolean isPostgres(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Waits for the lock at most the session's lock_timeout (the target's --lock-timeout). */
    static void acquire(Connection connection) {
        try {
            connection.unwrap(PGConnection.class).setAutosave(AutoSave.ALWAYS);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + KEY + ")");
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new SchemaException("another migrate is changing this database and did not finish within "
                        + lockTimeout(connection) + "; try again when it is done, or raise --lock-timeout. Nothing was changed");
            }
            throw new SchemaException("cannot take the migration lock: " + Target.reason(e) + "; nothing was changed");
        }
    }

    private static String lockTimeout(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW lock_timeout")) {
            return rs.next() ? rs.getString(1) : "the lock timeout";
        } catch (SQLException e) {
            return "the lock timeout";
        }
    }
}
