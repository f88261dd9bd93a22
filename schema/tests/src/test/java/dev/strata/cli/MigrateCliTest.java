package dev.strata.cli;

import static dev.strata.testing.MigrateRun.migrate;

import dev.strata.testing.MigrateRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrate command against the shipped changelogs: every verb, its exit code and its output. */
class MigrateCliTest {
    @TempDir
    Path dir;



    @Test
    void updateStatusHistoryTagRollbackRoundTrip() {
        String db = dir.resolve("data/strata.db").toString();

        MigrateRun update = migrate("update", "--db", db);
        assertEquals(0, update.exit(), update.err());
        assertTrue(update.out().contains("applied 0001-create-task"), update.out());
        assertTrue(update.out().matches("(?s).*applied 0006-add-task-priority .*\\(\\d+\\.\\d ms\\).*"), update.out());

        assertEquals(0, migrate("status", "--db", db).exit());
        assertTrue(migrate("update", "--db", db).out().contains("up to date"));
        assertEquals(0, migrate("tag", "release-1", "--db", db).exit());

        MigrateRun rollback = migrate("rollback", "--count", "2", "--db", db);
        assertEquals(0, rollback.exit(), rollback.err());
        assertTrue(rollback.out().contains("rolled back 0006-add-task-priority"), rollback.out());
        assertTrue(rollback.out().contains("backed up strata.db to strata.db.backup-"), rollback.out());

        MigrateRun status = migrate("status", "--db", db);
        assertEquals(Migrate.PENDING, status.exit());
        assertTrue(status.out().contains("pending 0005-add-task-claim"), status.out());

        assertEquals(0, migrate("update", "--db", db).exit());
        MigrateRun history = migrate("history", "--db", db);
        assertEquals(7, history.out().strip().split("\n").length, history.out());
        assertEquals(0, migrate("tag", "release-2", "--db", db).exit());
        assertTrue(migrate("history", "--db", db).out().contains("release-2"));
    }

    @Test
    void rollbackToTagUndoesWhatCameAfter() throws Exception {
        String db = dir.resolve("t.db").toString();
        migrate("update", "--db", db);
        migrate("rollback", "--count", "3", "--db", db);
        assertEquals(0, migrate("tag", "v3", "--db", db).exit());
        migrate("update", "--db", db);

        MigrateRun rollback = migrate("rollback", "--tag", "v3", "--db", db);

        assertEquals(0, rollback.exit(), rollback.err());
        assertTrue(rollback.out().contains("Rolled back 3 changeset(s)"), rollback.out());
        assertEquals(Migrate.PENDING, migrate("status", "--db", db).exit());
        MigrateRun missing = migrate("rollback", "--tag", "nope", "--db", db);
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("tag 'nope' is not in the database; its tags are: v3"), missing.err());
    }

    @Test
    void updateSqlPrintsTheSqlAndLeavesTheFileByteIdentical() throws Exception {
        Path db = dir.resolve("u.db");
        migrate("update", "--db", db.toString());
        migrate("rollback", "--count", "1", "--db", db.toString(), "--no-backup");
        byte[] before = Files.readAllBytes(db);

        MigrateRun sql = migrate("update-sql", "--db", db.toString());

        assertEquals(0, sql.exit(), sql.err());
        assertTrue(sql.out().contains("ALTER TABLE task ADD priority INTEGER DEFAULT 0 NOT NULL"), sql.out());
        assertArrayEquals(before, Files.readAllBytes(db));
        Path absent = dir.resolve("absent.db");
        assertTrue(migrate("update-sql", "--db", absent.toString()).out().contains("CREATE TABLE task"));
        assertFalse(Files.exists(absent), "update-sql never creates the file");
    }

    @Test
    void changelogSyncAdoptsAnExistingDatabase() throws Exception {
        Path db = dir.resolve("legacy.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE legacy (id INTEGER PRIMARY KEY)");
        }
        MigrateRun sync = migrate("changelog-sync", "--db", db.toString());
        assertEquals(0, sync.exit(), sync.err());
        assertTrue(sync.out().contains("Marked 6 changeset(s) as applied"), sync.out());
        assertEquals(0, migrate("status", "--db", db.toString()).exit());
    }

    @Test
    void environmentVariableNamesTheDatabaseWhenNoFlagIsGiven() {
        // STRATA_DB cannot be set in-process; the resolution order is covered through Target directly.
        assertEquals(dir.resolve("x.db").toAbsolutePath().toString(),
                dev.strata.engine.Target.resolve(dir.resolve("x.db").toString()).describe());
        assertTrue(dev.strata.engine.Target.resolve(null).describe().endsWith(
                System.getenv("STRATA_DB") != null ? System.getenv("STRATA_DB") : "data/strata.db"));
    }

    @Test
    void badInputGetsOneLineExitOneAndNoStackTrace() throws Exception {
        Path notSqlite = dir.resolve("notes.txt");
        Files.writeString(notSqlite, "this is not a database, just some text that is long enough to be read. ".repeat(20));
        byte[] notSqliteBytes = Files.readAllBytes(notSqlite);
        Path folder = Files.createDirectory(dir.resolve("folder"));

        assertBadInput(migrate("update", "--db", notSqlite.toString()), "is not a usable SQLite database");
        assertArrayEquals(notSqliteBytes, Files.readAllBytes(notSqlite));
        assertBadInput(migrate("status", "--db", folder.toString()), "is a directory");
        assertBadInput(migrate("status", "--db", dir.resolve("missing.db").toString()), "does not exist");
        assertFalse(Files.exists(dir.resolve("missing.db")));
        assertBadInput(migrate("history", "--db", dir.resolve("missing.db").toString()), "does not exist");
        assertBadInput(migrate("status", "--db", "jdbc:nosuchdb://host/db"), "cannot open database");
        assertBadInput(migrate("rollback", "--count", "0", "--db", notSqlite.toString()), "");
        assertBadInput(migrate("tag", "t", "--db", dir.resolve("missing.db").toString()), "does not exist");
    }

    @Test
    void unwritableLocationsAreAClearErrorNotAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertBadInput(migrate("update", "--db", file.resolve("sub/x.db").toString()), "is a file, not a folder");
        // /proc accepts no new files, even from root: the closest thing to a read-only folder that root has.
        assertBadInput(migrate("update", "--db", "/proc/strata-test.db"), "cannot open database /proc/strata-test.db");
        assertBadInput(migrate("status", "--db", "jdbc:postgresql://127.0.0.1:1/strata"), "cannot open database");
    }

    @Test
    void wrongUsageExitsTwo() {
        assertEquals(2, migrate("frobnicate").exit());
        assertEquals(2, migrate("rollback").exit());
        assertEquals(2, migrate("rollback", "--count", "x").exit());
        assertEquals(2, migrate().exit());
        MigrateRun help = migrate("update", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--no-backup"), help.out());
    }

    private static void assertBadInput(MigrateRun result, String expected) {
        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.err().startsWith("migrate: "), result.err());
        assertTrue(result.err().contains(expected), result.err());
        assertEquals(1, result.err().strip().split("\n").length, "one line: " + result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }
}
