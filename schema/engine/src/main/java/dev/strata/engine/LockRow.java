package dev.strata.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Liquibase's lock row (DATABASECHANGELOGLOCK, ID 1). Strata's own runs take and free it inside their one
 * transaction, so a committed LOCKED=1 was left by another tool (stock Liquibase, running or killed).
 * It is read without holding SQLite's write lock, so services keep writing while a migrator waits.
 */
final class LockRow {
    private static final long POLL_MILLIS = 200;

    /** Who holds the lock and since when, as Liquibase recorded it. */
    record Holder(String lockedBy, String granted) {
        String describe() {
            return "by " + (lockedBy == null ? "an unnamed process" : lockedBy)
                    + (granted == null ? "" : " since " + granted);
        }
    }

    private LockRow() {
    }

    /** The holder when the lock row says LOCKED, else empty (also when there is no lock table yet). */
    static Optional<Holder> holder(Connection connection) {
        try {
            return read(connection);
        } catch (SQLException e) {
            throw new SchemaException("cannot read the lock table " + TrackingTable.LOCK + ": " + Target.reason(e));
        }
    }

    private static Optional<Holder> read(Connection connection) throws SQLException {
        if (!TrackingTable.exists(connection, TrackingTable.LOCK)) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT LOCKED, LOCKEDBY, LOCKGRANTED FROM " + TrackingTable.LOCK
                     + " WHERE ID = 1")) {
            if (rs.next() && isLocked(rs.getObject(1))) {
                return Optional.of(new Holder(rs.getString(2), rs.getString(3)));
            }
            return Optional.empty();
        }
    }

    private static boolean isLocked(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() != 0;
        }
        return value != null && (value.toString().equals("1") || value.toString().equalsIgnoreCase("true"));
    }

    /**
     * Waits up to {@code timeoutMillis} for the lock row to be free, polling in autocommit mode; a read that
     * finds SQLite busy with a service's write is simply retried.
     */
    static void awaitFree(Connection connection, long timeoutMillis, Target target, Consumer<String> out) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Optional<Holder> holder = holder(connection);
        holder.ifPresent(h -> out.accept("  waiting up to " + timeoutMillis / 1000 + " s for the Liquibase lock held "
                + h.describe()));
        while (holder.isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
                holder = read(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException busy) {
                // keep the last holder seen and poll again
            }
        }
        holder.ifPresent(h -> {
            throw locked(target, h, timeoutMillis);
        });
    }

    static SchemaException locked(Target target, Holder holder, long waitedMillis) {
        return new SchemaException(target + " is locked by another Liquibase run " + holder.describe()
                + " (waited " + waitedMillis / 1000 + " s, --lock-timeout); if no migration is running there, a killed"
                + " run left the lock: release it with `migrate release-locks`. Nothing was changed");
    }

    /** Frees the lock row; returns who held it (empty when it was free). Runs in the caller's transaction. */
    static Optional<Holder> release(Connection connection) throws SQLException {
        Optional<Holder> holder = holder(connection);
        if (holder.isPresent()) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE " + TrackingTable.LOCK + " SET LOCKED = " + falseLiteral(connection)
                        + ", LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1");
            }
        }
        return holder;
    }

    private static String falseLiteral(Connection connection) {
        return ForeignKeyCheck.isSqlite(connection) ? "0" : "FALSE";
    }
}
