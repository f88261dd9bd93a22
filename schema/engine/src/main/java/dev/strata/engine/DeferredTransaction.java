package dev.strata.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction around everything Liquibase does: the connection handed to Liquibase ignores its
 * commit/rollback/autocommit/close calls, so the whole run commits once or not at all. Liquibase calls
 * rollback() in normal operation (after preconditions, around the lock), so rollback is deferred too.
 */
public final class DeferredTransaction implements AutoCloseable {
    private final Connection real;
    private final Connection deferred;
    private final boolean sqlite;
    private final boolean postgres;
    private boolean finished;

    public DeferredTransaction(Connection real) {
        this(real, true);
    }

    /** With {@code begin} false, the caller may read in autocommit mode first and call {@link #begin()}. */
    public DeferredTransaction(Connection real, boolean begin) {
        this.real = real;
        this.sqlite = ForeignKeyCheck.isSqlite(real);
        this.postgres = !sqlite && PostgresWriterLock.isPostgres(real);
        this.deferred = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Deferring());
        if (begin) {
            try {
                begin();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /**
     * Starts the transaction and waits (at most the lock timeout) for any other writer to finish: on SQLite
     * through the IMMEDIATE write lock, on PostgreSQL through an advisory lock.
     */
    public void begin() {
        if (sqlite) {
            ForeignKeyCheck.enforce(real, false);
        }
        try {
            real.setAutoCommit(false);
        } catch (SQLException e) {
            throw new SchemaException("cannot start a transaction: " + Target.reason(e)
                    + "; another process holds the database; try again when it is done");
        }
        if (postgres) {
            PostgresWriterLock.acquire(real);
        }
    }

    /**
     * Runs read-only Liquibase work (parsing against the database, computing checksums) on {@code real} inside a
     * transaction that is always rolled back, so nothing Liquibase creates on the way (its tracking table) is
     * committed. The connection is back in autocommit afterwards.
     */
    static <T> T rolledBack(Connection real, java.util.function.Function<Connection, T> work) {
        DeferredTransaction tx = new DeferredTransaction(real, false);
        try {
            if (!real.getAutoCommit()) {
                return work.apply(tx.connection()); // inside the caller's transaction, which decides its fate
            }
            real.setAutoCommit(false);
            if (tx.postgres) {
                real.unwrap(org.postgresql.PGConnection.class).setAutosave(org.postgresql.jdbc.AutoSave.ALWAYS);
            }
            try {
                return work.apply(tx.connection());
            } finally {
                real.rollback();
                real.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SchemaException("cannot read " + Target.reason(e));
        }
    }

    /** The connection to give Liquibase. */
    public Connection connection() {
        return deferred;
    }

    /** Commits; on SQLite only once PRAGMA foreign_key_check finds nothing (else rolls back and throws). */
    public void commit() throws SQLException {
        if (sqlite) {
            try {
                ForeignKeyCheck.verify(real);
            } catch (SchemaException e) {
                rollback();
                throw e;
            }
        }
        real.commit();
        finished = true;
    }

    public void rollback() {
        try {
            real.rollback();
        } catch (SQLException ignored) {
            // closing the connection rolls back what is left
        }
        finished = true;
    }

    @Override
    public void close() {
        if (!finished) {
            rollback();
        }
        if (sqlite) {
            try {
                real.setAutoCommit(true);
                ForeignKeyCheck.enforce(real, true);
            } catch (SQLException | SchemaException ignored) {
                // the connection is closed next; foreign keys are a per-connection setting
            }
        }
        try {
            real.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }

    private final class Deferring implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            if ((name.equals("commit") || name.equals("rollback") || name.equals("close")) && arity == 0) {
                return null;
            }
            if (name.equals("setAutoCommit")) {
                return null;
            }
            if (name.equals("getAutoCommit")) {
                return false;
            }
            if (name.equals("isClosed")) {
                return real.isClosed();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
