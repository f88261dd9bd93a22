package dev.strata.codegen;

import dev.strata.testing.TestChangelogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Changelog;
import dev.strata.testing.StdoutOnFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(StdoutOnFailure.class)
class CodegenTest {
    static final String CONFIG = TestChangelogs.CODEGEN_CONFIG;

    @TempDir
    Path dir;

    @Test
    void newChangelogAddsTheFieldAndAnUnchangedRebuildSkips() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-note", TestChangelogs.createTable("note", "title VARCHAR(50)"));
        Path out = dir.resolve("out");
        Path work = dir.resolve("work");
        Path record = out.resolve("test/db/tables/records/NoteRecord.java");

        assertTrue(Codegen.run(CONFIG.getBytes(), changelogs.changelog(), out, work));
        assertTrue(Files.readString(record).contains("getTitle()"));
        assertFalse(Files.readString(record).contains("getBody()"));

        changelogs.add("0002-add-note-body", TestChangelogs.addColumn("note", "body", "TEXT"));
        assertTrue(Codegen.run(CONFIG.getBytes(), changelogs.changelog(), out, work));
        assertTrue(Files.readString(record).contains("public String getBody()"), "new column becomes a typed getter");

        Map<Path, FileTime> before = timestamps(out);
        assertFalse(Codegen.run(CONFIG.getBytes(), changelogs.changelog(), out, work), "unchanged inputs skip");
        assertEquals(before, timestamps(out));

        assertTrue(Codegen.run(CONFIG.replace("test.db", "test.other").getBytes(), changelogs.changelog(), out, work),
                "a configuration change regenerates");
    }

    private static Map<Path, FileTime> timestamps(Path root) throws Exception {
        Map<Path, FileTime> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                result.put(p, Files.getLastModifiedTime(p));
            }
        }
        return result;
    }
}
