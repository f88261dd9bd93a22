package dev.strata.engine;

import java.sql.Connection;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;

/**
 * {@code update}: at head, a tracking-table read and nothing else; otherwise every pending changeset
 * in one transaction, after a backup of a SQLite file.
 */
final class Update {
    private final Engine engine;

    Update(Engine engine) {
        this.engine = engine;
    }

    /** The ids of the changesets applied (empty when already at head). */
    List<String> run() {
        Target target = engine.target();
        Connection connection = target.open();
        try (DeferredTransaction tx = new DeferredTransaction(connection, false)) {
            SchemaState state = Status.of(connection, engine.changelog().manifest(), target.shortName());
            refuseUnsafe(state);
            if (state.atHead()) {
                return List.of();
            }
            // The backup API cannot copy from a connection holding the write lock, so it runs just before.
            engine.backUp(connection, state.applied());
            tx.begin();
            // Another migrator may have finished while we waited for the write lock.
            SchemaState locked = Status.of(connection, engine.changelog().manifest(), target.shortName());
            refuseUnsafe(locked);
            if (locked.atHead()) {
                return List.of();
            }
            Progress progress = new Progress(engine.out());
            engine.commitOrRollBack(tx, "update", progress,
                    (liquibase, database) -> liquibase.update(new Contexts(), new LabelExpression()));
            return progress.done();
        }
    }

    private static void refuseUnsafe(SchemaState state) {
        if (state.floorMessage() != null) {
            throw new SchemaException(state.floorMessage());
        }
        if (state.editedMessage() != null) {
            throw new SchemaException(state.editedMessage());
        }
        if (state.unknownMessage() != null) {
            throw new SchemaException(state.unknownMessage());
        }
    }
}
