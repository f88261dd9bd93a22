package dev.strata.cli;

import static dev.strata.testing.MigrateRun.migrate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.MigrateRun;
import dev.strata.engine.ExpectedSchema;
import dev.strata.engine.SchemaText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code migrate diff}, and the refusals of update and changelog-sync on a schema that drifted. */
class DriftCliTest {
    @TempDir
    Path dir;

    /** The README's walk-through: rollback to a tag, then changelog-sync. It must not end "at head" without priority. */
    @Test
    void rollbackToATagThenChangelogSyncCannotEndAtHeadWithAMissingColumn() throws Exception {
        String db = dir.resolve("data/strata.db").toString();
        assertEquals(0, migrate("update", "--db", db).exit());
        assertEquals(0, migrate("rollback", "--count", "1", "--db", db).exit());
        assertEquals(0, migrate("tag", "release-1", "--db", db).exit());
        assertEquals(0, migrate("update", "--db", db, "--no-backup").exit());
        assertEquals(0, migrate("rollback", "--tag", "release-1", "--db", db).exit());
        byte[] before = Files.readAllBytes(Path.of(db));

        MigrateRun sync = migrate("changelog-sync", "--db", db);

        assertEquals(1, sync.exit(), sync.out());
        assertTrue(sync.err().contains("refusing to mark 1 changeset(s) as applied")
                && sync.err().contains("missing column priority INTEGER DEFAULT 0 NOT NULL")
                && sync.err().contains("--allow-drift"), sync.err());
        assertArrayEquals(before, Files.readAllBytes(Path.of(db)), "nothing changed");
        assertEquals(Migrate.PENDING, migrate("status", "--db", db).exit());
        MigrateRun behind = migrate("diff", "--db", db);
        assertEquals(0, behind.exit(), behind.out() + behind.err());
        assertTrue(behind.out().contains("5 changeset(s) recorded in DATABASECHANGELOG (1 pending)"), behind.out());

        assertEquals(0, migrate("changelog-sync", "--allow-drift", "--db", db).exit(), "forced on request");
        MigrateRun drift = migrate("diff", "--db", db);
        assertEquals(SchemaDiff.DRIFT, drift.exit(), drift.out() + drift.err());
        assertTrue(drift.out().contains("  changed table task: missing column priority INTEGER DEFAULT 0 NOT NULL"),
                drift.out());
        assertTrue(drift.out().contains("\n-  priority INTEGER DEFAULT 0 NOT NULL,\n"), drift.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE task ADD COLUMN note TEXT | changed table task: extra column note TEXT | true",
            "ALTER TABLE task DROP COLUMN last_error | changed table task: missing column last_error TEXT | true",
            "DROP INDEX ix_task_status_id | missing index ix_task_status_id | true",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY) | extra table notes | false",
            "DROP VIEW task_summary | missing view task_summary | true"})
    void aHandEditShowsUpInDiffAndStopsUpdate(String edit, String line, boolean stopsUpdate) throws Exception {
        Path db = dir.resolve("prod.db");
        migrate("update", "--db", db.toString());
        assertEquals(0, migrate("diff", "--db", db.toString()).exit(), "no drift before the edit");
        execute(db, edit);

        MigrateRun diff = migrate("diff", "--db", db.toString());

        assertEquals(SchemaDiff.DRIFT, diff.exit(), diff.out() + diff.err());
        assertTrue(diff.out().contains("Drift:    1 object(s) differ\n  " + line + "\n"), diff.out());
        assertTrue(diff.out().contains("--- expected (from the recorded changesets)\n+++ live ("), diff.out());

        // Behind head (the expected schema rebuilt from the recorded changesets), update refuses to build on a
        // changed or missing object; an object no changeset made does not stand in its way.
        migrate("rollback", "--count", "1", "--db", db.toString(), "--no-backup");
        if (!stopsUpdate) {
            assertEquals(0, migrate("update", "--db", db.toString(), "--no-backup").exit());
            assertEquals(SchemaDiff.DRIFT, migrate("diff", "--db", db.toString()).exit(), "still reported");
            return;
        }
        byte[] before = Files.readAllBytes(db);
        MigrateRun update = migrate("update", "--db", db.toString(), "--no-backup");
        assertEquals(1, update.exit(), update.out());
        assertTrue(update.err().startsWith("migrate: refusing to update ") && update.err().contains(line)
                && update.err().contains("--allow-drift"), update.err());
        assertArrayEquals(before, Files.readAllBytes(db), "nothing changed");
        MigrateRun forced = migrate("update", "--db", db.toString(), "--no-backup", "--allow-drift");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(0, migrate("status", "--db", db.toString()).exit());
    }

    @Test
    void anUntouchedDatabaseHasNoDriftAtAnyState() {
        String db = dir.resolve("ok.db").toString();
        migrate("update", "--db", db);
        for (int step = 0; step < 3; step++) {
            MigrateRun diff = migrate("diff", "--db", db);
            assertEquals(0, diff.exit(), diff.out() + diff.err());
            assertTrue(diff.out().endsWith("Drift:    none\n"), diff.out());
            migrate("rollback", "--count", "2", "--db", db, "--no-backup");
        }
    }

    @Test
    void badInputIsOneLineAndChangesNothing() throws Exception {
        Path plain = dir.resolve("plain.db");
        execute(plain, "CREATE TABLE things (id INTEGER PRIMARY KEY)");
        byte[] before = Files.readAllBytes(plain);
        MigrateRun notManaged = migrate("diff", "--db", plain.toString());
        assertOneLine(notManaged, "is not a Strata or Liquibase database: it has no DATABASECHANGELOG table");
        assertArrayEquals(before, Files.readAllBytes(plain));

        MigrateRun legacy = migrate("changelog-sync", "--db", plain.toString());
        assertOneLine(legacy, "refusing to mark 6 changeset(s) as applied");
        assertTrue(legacy.err().contains("missing table task"), legacy.err());
        assertArrayEquals(before, Files.readAllBytes(plain), "nothing changed");

        Path missing = dir.resolve("missing.db");
        assertOneLine(migrate("diff", "--db", missing.toString()), "does not exist");
        assertFalse(Files.exists(missing));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a database at all, only words. ".repeat(40));
        assertOneLine(migrate("diff", "--db", text.toString()), "is not a usable SQLite database");
    }

    @Test
    void diffOnAnotherDatabaseSaysItComparesSqliteOnly() {
        MigrateRun result = migrate("diff", "--db", "jdbc:postgresql://127.0.0.1:1/strata");
        assertEquals(SchemaDiff.UNSUPPORTED, result.exit());
        assertTrue(result.err().startsWith("migrate: diff compares SQLite schemas only"), result.err());
    }

    private static void assertOneLine(MigrateRun result, String expected) {
        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.err().startsWith("migrate: ") && result.err().contains(expected), result.err());
        assertEquals(1, result.err().strip().split("\n").length, "one line: " + result.err());
    }

    static void execute(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The schema at head as shipped in the jar. */
    static List<String> shippedSchema() throws IOException {
        try (InputStream in = DriftCliTest.class.getClassLoader().getResourceAsStream(ExpectedSchema.RESOURCE)) {
            return SchemaText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
