package dev.strata.engine;

import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one place that decides how Strata connects to SQLite: foreign keys enforced, a busy timeout instead of
 * SQLITE_BUSY, IMMEDIATE transactions (a writer takes the lock up front rather than failing at commit), and
 * for the services WAL with synchronous=NORMAL (readers never block the writer; durable at checkpoints).
 */
public final class SqliteSettings {
    /** How long a migration waits for another writer before it names the lock holder. */
    public static final int MIGRATION_BUSY_TIMEOUT_MILLIS = 30_000;
    /** How long a request or task waits for the writer; a request should fail rather than hang. */
    public static final int SERVICE_BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteSettings() {
    }

    /** The engine's connections (migrations, status, templates). */
    public static SQLiteConfig engine(int busyTimeoutMillis, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(busyTimeoutMillis);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (readOnly) {
            config.setReadOnly(true);
        }
        return config;
    }

    /** The services' connections: the engine's settings plus WAL. */
    public static SQLiteConfig service() {
        SQLiteConfig config = engine(SERVICE_BUSY_TIMEOUT_MILLIS, false);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config;
    }

    /** A data source with {@code config}, opening the driver directly (no DriverManager lookup per connection). */
    public static DataSource dataSource(String url, SQLiteConfig config) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }
}
