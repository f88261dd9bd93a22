package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that protect a database: edited released changesets, unknown changesets (stock agreement: compat). */
class SafetyTest {
    @TempDir
    Path dir;

    @Test
    void editedReleasedChangesetIsRefusedNamingFileIdAndBothChecksums() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        Path db = dir.resolve("app.db");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).update();
        String applied = Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).history().get(0).checksum();
        Path file = changelogs.root().resolve("changes/0001-create-a.xml");
        Files.writeString(file, Files.readString(file).replace("VARCHAR(10)", "VARCHAR(20)"));
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "name VARCHAR(10)"));
        byte[] before = Files.readAllBytes(db);

        Engine edited = Engine.on(Target.sqlite(db)).changelog(changelogs.changelog());
        SchemaException e = assertThrows(SchemaException.class, edited::update);

        String now = edited.status().edited().get(0).changeset().checksum();
        assertTrue(e.getMessage().contains("0001-create-a in changes/0001-create-a.xml"), e.getMessage());
        assertTrue(e.getMessage().contains("applied checksum " + applied + ", now " + now), e.getMessage());
        assertTrue(e.getMessage().contains("revert the edit and put the change in a new changeset"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void unknownChangesetsFromANewerReleaseAreNamedAndUpdateRefuses() throws Exception {
        TestChangelogs newer = new TestChangelogs(dir.resolve("newer"));
        newer.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        newer.add("0002-create-b", TestChangelogs.createTable("b", "name VARCHAR(10)"));
        Path db = dir.resolve("app.db");
        Engine.on(Target.sqlite(db)).changelog(newer.changelog()).update();
        TestChangelogs older = new TestChangelogs(dir.resolve("older"));
        older.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        byte[] before = Files.readAllBytes(db);

        Engine engine = Engine.on(Target.sqlite(db)).changelog(older.changelog());
        assertEquals(SchemaState.Verdict.UNKNOWN, engine.status().verdict());
        SchemaException e = assertThrows(SchemaException.class, engine::update);

        assertTrue(e.getMessage().contains("changes/0002-create-b.xml::0002-create-b::test"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
    }
}
