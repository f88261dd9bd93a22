package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void diskCacheIsReusedByANewJvmAndRebuiltWhenAChangelogChanges() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        Path cache = dir.resolve("cache");
        int before = TemplateDatabase.builds();

        Path first = TemplateDatabase.of(changelogs.changelog(), cache).file();
        assertEquals(before + 1, TemplateDatabase.builds());
        assertEquals(first, TemplateDatabase.of(changelogs.changelog(), cache).file(), "once per JVM");
        assertEquals(before + 1, TemplateDatabase.builds());

        TemplateDatabase.forgetInMemory();
        assertEquals(first, TemplateDatabase.of(changelogs.changelog(), cache).file());
        assertEquals(before + 1, TemplateDatabase.builds(), "a new JVM reuses the disk cache: Liquibase ran zero times");

        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "name VARCHAR(10)"));
        Path second = TemplateDatabase.of(changelogs.changelog(), cache).file();
        assertEquals(before + 2, TemplateDatabase.builds(), "a changelog change rebuilds");
        assertNotEquals(first, second);
        assertTrue(Engine.on(Target.sqlite(second)).changelog(changelogs.changelog()).status().atHead());
    }

    @Test
    void aKilledBuildIsNeverReused() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        Path cache = dir.resolve("cache");
        Path built = TemplateDatabase.of(changelogs.changelog(), cache).file();
        TemplateDatabase.forgetInMemory();
        // What a build killed mid-way can leave: a partial file, never renamed into place...
        Files.writeString(cache.resolve("building-123.db.partial"), "half");
        // ...and, defensively, a truncated file under the final name.
        byte[] whole = Files.readAllBytes(built);
        Files.write(built, java.util.Arrays.copyOf(whole, whole.length / 2));
        int before = TemplateDatabase.builds();

        Path again = TemplateDatabase.of(changelogs.changelog(), cache).file();

        assertEquals(before + 1, TemplateDatabase.builds(), "the damaged template was rebuilt, not used");
        assertTrue(Engine.on(Target.sqlite(again)).changelog(changelogs.changelog()).status().atHead());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".db")).count());
        }
    }
}
