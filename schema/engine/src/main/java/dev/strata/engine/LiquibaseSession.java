package dev.strata.engine;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.sqlgenerator.core.AddAutoIncrementGeneratorSQLite;
import liquibase.sqlgenerator.core.AddColumnGeneratorSQLite;
import liquibase.sqlgenerator.core.AddDefaultValueGeneratorSQLite;
import liquibase.ui.LoggerUIService;

/**
 * Every Liquibase call runs through here: analytics off, its console output sent to logging, its
 * INFO chatter silenced, so stdout carries only what Strata prints.
 */
public final class LiquibaseSession {
    // Held strongly: java.util.logging forgets levels set on loggers nobody references.
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        System.setProperty("liquibase.analytics.enabled", "false");
        // Failures reach the user as one line from Strata; -Dstrata.liquibase.log=INFO shows Liquibase's own log.
        LIQUIBASE_LOG.setLevel(Level.parse(System.getProperty("strata.liquibase.log", "OFF")));
        provideHostName();
        // Strata carries out these SQLite changes itself; left registered, the stock generators would still mark
        // the statements as needing live metadata and break update-sql.
        SqlGeneratorFactory.getInstance().unregister(AddColumnGeneratorSQLite.class);
        SqlGeneratorFactory.getInstance().unregister(AddAutoIncrementGeneratorSQLite.class);
        SqlGeneratorFactory.getInstance().unregister(AddDefaultValueGeneratorSQLite.class);
    }

    private static final Map<String, Object> SCOPE = Map.of(
            Scope.Attr.ui.name(), new LoggerUIService(),
            "liquibase.analytics.enabled", false,
            "liquibase.showBanner", false,
            "liquibase.command.showSummaryOutput", "LOG",
            "liquibase.command.showSummary", "OFF");

    private LiquibaseSession() {
    }

    /**
     * Liquibase names the lock holder (LOCKEDBY) with a DNS lookup of this host, done when its generators load;
     * with a slow or unreachable DNS server every run waits for it. Its NetUtil caches the answer in two
     * fields: fill them first with the kernel's host name and the loopback address, so no lookup is made.
     */
    private static void provideHostName() {
        try {
            Class<?> netUtil = Class.forName("liquibase.util.NetUtil");
            java.lang.reflect.Field name = netUtil.getDeclaredField("hostName");
            java.lang.reflect.Field address = netUtil.getDeclaredField("localHost");
            name.setAccessible(true);
            address.setAccessible(true);
            name.set(null, HostName.local());
            address.set(null, java.net.InetAddress.getByAddress(HostName.local(), new byte[] {127, 0, 0, 1}));
        } catch (ReflectiveOperationException | java.net.UnknownHostException | RuntimeException e) {
            // a later Liquibase without these fields: it looks the name up itself
        }
    }

    /** Runs Liquibase work with analytics off and its console output routed to logging. */
    public static <T> T call(Callable<T> work) {
        return call(Map.of(), work);
    }

    /** As {@link #call(Callable)}, with more scope attributes (a changelog's resources and class loader). */
    public static <T> T call(Map<String, Object> scope, Callable<T> work) {
        Map<String, Object> merged = new java.util.HashMap<>(SCOPE);
        merged.putAll(scope);
        try {
            return Scope.child(merged, work::call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SchemaLiquibaseFailure(e);
        }
    }

    /** Liquibase's database object for a connection (which it may read, never close). */
    public static Database database(Connection deferred) throws DatabaseException {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(deferred));
    }

    static Liquibase liquibase(Changelog changelog, Database database) {
        return new Liquibase(changelog.master(), changelog.resources(), database);
    }

    /** A checked Liquibase failure carried out of a scope, to be described by {@link Failure}. */
    static final class SchemaLiquibaseFailure extends RuntimeException {
        SchemaLiquibaseFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
