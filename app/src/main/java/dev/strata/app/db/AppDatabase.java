package dev.strata.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.engine.SqliteSettings;
import dev.strata.engine.Target;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The services' connection to the database. On SQLite: WAL (web and worker share one file, readers never
 * wait for the writer), a busy timeout, foreign keys on, IMMEDIATE transactions; pooled by HikariCP. On
 * PostgreSQL the same generated classes render with the POSTGRES dialect.
 */
public final class AppDatabase implements AutoCloseable {
    private final Target target;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private AppDatabase(Target target, HikariDataSource pool, SQLDialect dialect) {
        this.target = target;
        this.pool = pool;
        this.dsl = DSL.using(pool, dialect);
    }

    public static AppDatabase open(Target target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("strata");
        config.setMaximumPoolSize(target.isSqlite() ? 4 : 10);
        config.setConnectionTimeout(10_000);
        // Fail at first use, not at start-up: the schema gate reports an unreachable database itself.
        config.setInitializationFailTimeout(-1);
        if (target.isSqlite()) {
            config.setDataSource(sqlite(target));
            return new AppDatabase(target, new HikariDataSource(config), SQLDialect.SQLITE);
        }
        config.setJdbcUrl(target.url());
        if (target.isPostgres()) {
            // Every web and worker host keeps a pool against one server (max_connections defaults to 100):
            // a few connections each, opened on demand, rather than ten held idle per process.
            config.setMaximumPoolSize(8);
            config.setMinimumIdle(1);
            config.addDataSourceProperty("ApplicationName", "strata");
            config.addDataSourceProperty("connectTimeout", "10");
            return new AppDatabase(target, new HikariDataSource(config), SQLDialect.POSTGRES);
        }
        return new AppDatabase(target, new HikariDataSource(config), SQLDialect.DEFAULT);
    }

    private static DataSource sqlite(Target target) {
        return SqliteSettings.dataSource(target.url(), SqliteSettings.service());
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Target target() {
        return target;
    }

    @Override
    public void close() {
        pool.close();
    }
}
