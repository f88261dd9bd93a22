package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateFailureTest {
    @TempDir
    Path dir;

    @Test
    void aFailedUpdateIntoANewFileLeavesNoFileBehind() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        changelogs.add("0002-broken", "    <sql>INSERT INTO no_such_table VALUES (1)</sql>");
        Path db = dir.resolve("data/new.db");

        assertThrows(SchemaException.class, () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).update());

        try (var files = Files.list(db.getParent())) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void failingThirdChangesetLeavesTheFileByteIdentical() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        Path db = dir.resolve("app.db");
        Engine engine = Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false);
        engine.update();
        byte[] before = Files.readAllBytes(db);

        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "name VARCHAR(10)"));
        changelogs.add("0003-broken", "    <sql>INSERT INTO no_such_table VALUES (1)</sql>");
        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update());

        assertTrue(e.getMessage().startsWith("changeset 0003-broken (author test) in changes/0003-broken.xml failed: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no such table: no_such_table"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db), "schema, data, tracking and lock tables untouched");
    }

    @Test
    void changelogThatDoesNotParseNamesTheFile() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        Files.writeString(changelogs.root().resolve("changes/0001-create-a.xml"), "<databaseChangeLog><oops");
        Path db = dir.resolve("app.db");

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).update());

        assertTrue(e.getMessage().contains("0001-create-a.xml"), e.getMessage());
        assertFalse(Files.exists(db) && Files.size(db) > 0, "nothing written");
    }

    @Test
    void backupIsTakenBeforeChangingAnExistingFileAndOnlyThreeAreKept() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        Path db = dir.resolve("app.db");
        for (int i = 1; i <= 5; i++) {
            changelogs.add(String.format("%04d-create-t%d", i, i), TestChangelogs.createTable("t" + i, "v INTEGER"));
            Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).update();
        }
        List<Path> backups = Backup.list(db);
        assertEquals(3, backups.size(), backups.toString());
        try (var c = Target.sqlite(backups.get(2)).openExisting();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            rs.next();
            assertEquals(4, rs.getInt(1), "the newest backup holds the state before the last update");
        }
    }
}
