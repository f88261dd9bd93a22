package dev.strata.engine;

import java.io.StringWriter;
import java.sql.Connection;
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
        // A file that does not exist yet is never created: the SQL is computed against an empty in-memory database.
        Target against = target.file().isPresent() && !target.exists() ? Target.parse("jdbc:sqlite::memory:") : target;
        Connection connection = against.open();
        try (DeferredTransaction tx = new DeferredTransaction(connection)) {
            StringWriter sql = new StringWriter();
            try {
                LiquibaseSession.call(engine.changelog().scope(), () -> {
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
}
