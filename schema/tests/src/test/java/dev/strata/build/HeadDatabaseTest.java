package dev.strata.build;

import dev.strata.engine.SchemaText;
import dev.strata.testing.TestChangelogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One build applies the changelogs once: goals with the same sources key read the database the first built. */
class HeadDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aLaterGoalWithTheSameKeyReadsTheFirstGoalsDatabase() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-note", TestChangelogs.createTable("note", "title VARCHAR(50)"));
        String key = HeadDatabase.key("plugin " + UUID.randomUUID(), "master.xml", changelogs.root());
        Path first = dir.resolve("manifest/head.db");
        Path second = dir.resolve("check/head.db");

        assertEquals(first, new HeadDatabase(changelogs.changelog(), key, first).target().file().orElseThrow());
        assertEquals(first, new HeadDatabase(changelogs.changelog(), key, second).target().file().orElseThrow());
        assertFalse(Files.exists(second), "the changelogs were not applied a second time");
        assertTrue(schema(first).stream().anyMatch(s -> s.contains("note")), "the database is at head");
    }

    @Test
    void anotherKeyOrNoKeyBuildsAfresh() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-note", TestChangelogs.createTable("note", "title VARCHAR(50)"));
        String tool = "plugin " + UUID.randomUUID();
        String before = HeadDatabase.key(tool, "master.xml", changelogs.root());
        Path shared = dir.resolve("shared.db");
        new HeadDatabase(changelogs.changelog(), before, shared).target();

        changelogs.add("0002-add-note-body", TestChangelogs.addColumn("note", "body", "TEXT"));
        String after = HeadDatabase.key(tool, "master.xml", changelogs.root());
        assertNotEquals(before, after, "a changed changelog folder changes the key");
        assertNotEquals(before, HeadDatabase.key("another " + tool, "master.xml", changelogs.root()),
                "another plugin changes the key");
        Path fresh = dir.resolve("fresh.db");
        assertEquals(fresh, new HeadDatabase(changelogs.changelog(), after, fresh).target().file().orElseThrow());
        assertTrue(schema(fresh).stream().anyMatch(s -> s.contains("body")));
        Path unkeyed = dir.resolve("unkeyed.db");
        assertEquals(unkeyed, new HeadDatabase(changelogs.changelog(), null, unkeyed).target().file().orElseThrow());
    }

    @Test
    void aFileRebuiltForAnotherKeyNoLongerServesTheOldOne() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-note", TestChangelogs.createTable("note", "title VARCHAR(50)"));
        String tool = "plugin " + UUID.randomUUID();
        String old = HeadDatabase.key(tool, "master.xml", changelogs.root());
        Path shared = dir.resolve("shared.db");
        new HeadDatabase(changelogs.changelog(), old, shared).target();
        TestChangelogs other = new TestChangelogs(dir.resolve("other"));
        other.add("0001-create-task", TestChangelogs.createTable("task", "kind VARCHAR(50)"));
        new HeadDatabase(other.changelog(), HeadDatabase.key(tool, "master.xml", other.root()), shared).target();

        Path rebuilt = dir.resolve("rebuilt.db");
        assertEquals(rebuilt, new HeadDatabase(changelogs.changelog(), old, rebuilt).target().file().orElseThrow(),
                "the shared file now holds the other schema, so the old key builds its own");
        assertTrue(schema(rebuilt).stream().anyMatch(s -> s.contains("note")));
    }

    private static List<String> schema(Path file) throws Exception {
        try (Connection connection = dev.strata.engine.Target.sqlite(file).openExisting()) {
            return SchemaText.of(connection);
        }
    }
}
