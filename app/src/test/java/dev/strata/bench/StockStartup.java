package dev.strata.bench;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.web.WebServer;
import dev.strata.engine.Changelog;
import dev.strata.engine.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The web role started the stock way, for the benchmark: stock Liquibase's {@code update} at startup,
 * then the same server. Usage: {@code StockStartup <db file> <port>}.
 */
public final class StockStartup {
    private StockStartup() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Target target = Target.parse(args[0]);
        try (Connection c = DriverManager.getConnection(target.url())) {
            new Liquibase(Changelog.MASTER, new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                    .update(new Contexts(), new LabelExpression());
        }
        AppDatabase database = AppDatabase.open(target);
        new WebServer(new TaskQueue(database.dsl()), TaskKinds.standard(), new SchemaGate(target, l -> { }))
                .start("127.0.0.1", Integer.parseInt(args[1]));
    }
}
