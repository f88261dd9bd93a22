package dev.strata.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;

/**
 * {@code update}: at head, a tracking-table read and nothing else; otherwise every pending changeset
 * (and, as Liquibase does, every runAlways one) in one transaction, after a backup of a SQLite file.
 */
final class Update {
    private final Engine engine;

    Update(Engine engine) {
        this.engine = engine;
    }

    /** The ids of the changesets applied (empty when already at head). */
    List<String> run() {
        Path created = engine.target().file().filter(file -> !Files.exists(file)).orElse(null);
        try {
            return apply();
        } catch (RuntimeException e) {
            if (created != null) {
                removeIfEmpty(created);
            }
            throw e;
        }
    }

    private List<String> apply() {
        Target target = engine.target();
        Connection connection = target.open();
        try (DeferredTransaction tx = new DeferredTransaction(connection, false)) {
            SchemaState state = Status.of(connection, engine.changelog().manifest(connection), target.shortName());
            refuseUnsafe(state);
            if (nothingToRun(state)) {
                return List.of();
            }
            engine.awaitLock(connection); // no backup for a run that cannot start
            // The backup API cannot copy from a connection holding the write lock, so it runs just before.
            engine.backUp(connection, state.applied());
            engine.begin(tx, connection);
            // Another migrator may have finished while we waited for the write lock.
            SchemaState locked = Status.of(connection, engine.changelog().manifest(connection), target.shortName());
            refuseUnsafe(locked);
            if (nothingToRun(locked)) {
                return List.of();
            }
            Progress progress = new Progress(engine.out());
            engine.commitOrRollBack(tx, "update", progress,
                    (liquibase, database) -> liquibase.update(new Contexts(), new LabelExpression()));
            return progress.done();
        }
    }

    private static boolean nothingToRun(SchemaState state) {
        return state.atHead() && state.runAlways().isEmpty();
    }

    /**
     * A failed update into a new file leaves no file behind. Only a file holding no schema object at all is
     * removed, and only while no other connection holds a lock on it (an exclusive lock, taken without waiting).
     */
    private static void removeIfEmpty(Path file) {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setBusyTimeout(0);
        try (Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, config.toProperties());
             Statement statement = connection.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            boolean empty;
            try (var rs = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
                empty = rs.next() && rs.getInt(1) == 0;
            }
            if (empty) {
                for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
                }
            }
            statement.execute("ROLLBACK");
        } catch (IOException | SQLException ignored) {
            // in use, not a database, or already gone: leave it, the failure message is what matters
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
