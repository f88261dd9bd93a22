package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed first update into an empty file an operator created leaves that file empty, as it was. */
class EmptyFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedUpdateLeavesAnEmptyFileEmpty() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("cl"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
        changelogs.add("0002-broken", "    <sql>INSERT INTO no_such_table VALUES (1)</sql>");
        Path db = Files.createFile(dir.resolve("empty.db"));
        assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update());
        assertTrue(Files.exists(db));
        assertEquals(0, Files.size(db), "byte-identical: still empty");
    }
}
