package dev.strata.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** {@code release-locks}: frees the Liquibase lock row that a killed or crashed run of another tool left set. */
final class ReleaseLocks {
    private final Engine engine;

    ReleaseLocks(Engine engine) {
        this.engine = engine;
    }

    /** Who held the lock (empty when it was free and nothing was written). */
    Optional<String> run() {
        engine.requireExisting();
        Connection connection = engine.target().open();
        try (DeferredTransaction tx = new DeferredTransaction(connection)) {
            Optional<LockRow.Holder> holder = LockRow.release(connection);
            tx.commit();
            return holder.map(LockRow.Holder::describe);
        } catch (SQLException e) {
            throw new SchemaException("cannot release the lock on " + engine.target() + ": " + Target.reason(e));
        }
    }
}
