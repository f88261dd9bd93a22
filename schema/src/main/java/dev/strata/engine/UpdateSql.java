package dev.strata.engine;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;

/**
 * {@code update-sql}: the SQL {@code update} would run, from a transaction that is always rolled back.
 * A SQLite file that does not exist yet is never created: the SQL is computed against an empty database.
 */
final class UpdateSql {
    private final Engine engine;

    UpdateSql(Engine engine) {
        this.engine = engine;
    }

    String run() {
        Target target = engine.target();
        if (target.exists() && engine.status().atHead()) {
            return "-- " + target + " is at head: update would run nothing\n";
        }
        Connection connection = target.file().isPresent() && !target.exists() ? emptySqlite() : target.open();
        try (DeferredTransaction tx = new DeferredTransaction(connection)) {
            StringWriter sql = new StringWriter();
            try {
                LiquibaseSession.call(() -> {
                    LiquibaseSession.liquibase(engine.changelog(), LiquibaseSession.database(tx.connection()))
                            .update(new Contexts(), new LabelExpression(), sql);
                    return null;
                });
            } catch (Exception e) {
                throw Failure.describe("update-sql", e, null);
            }
            return sql.toString();
        }
    }

    private static Connection emptySqlite() {
        try {
            return DriverManager.getConnection("jdbc:sqlite::memory:");
        } catch (SQLException e) {
            throw new SchemaException("cannot open an in-memory SQLite database: " + Target.reason(e));
        }
    }
}
