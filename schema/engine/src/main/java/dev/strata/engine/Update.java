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
        // An empty file the operator created (touch, a volume mount) goes back to exactly that on failure.
        Path empty = engine.target().file().filter(file -> size(file) == 0).orElse(null);
        try {
            return apply();
        } catch (RuntimeException e) {
            if (created != null) {
                removeIfEmpty(created, false);
            } else if (empty != null) {
                removeIfEmpty(empty, true);
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
     * A failed update into a new (or empty) file leaves no file (or the empty file) behind. Only a file holding no schema object at all is
     * removed, and only while no other connection holds a lock on it (an exclusive lock, taken without waiting).
     */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void removeIfEmpty(Path file, boolean keepEmptyFile) {
        // No wait: another process holding the file means it is not ours to remove.
        org.sqlite.SQLiteConfig config = SqliteSettings.engine(0, false);
        try (Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, config.toProperties());
             Statement statement = connection.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            boolean empty;
            try (var rs = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
                empty = rs.next() && rs.getInt(1) == 0;
            }
            if (empty) {
                for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                    if (!(keepEmptyFile && suffix.isEmpty())) {
                        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
                    }
                }
                if (keepEmptyFile) {
                    try (java.io.RandomAccessFile raw = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                        raw.setLength(0);
                    }
                }
            }
            statement.execute("ROLLBACK");
        } catch (IOException | SQLException ignored) {
            // in use, not a database, or already gone: leave it, the failure message is what matters
        }
    }

    private static void refuseUnsafe(SchemaState state) {
        if (state.refusal() != null) {
            throw new SchemaException(state.refusal());
        }
    }
}
