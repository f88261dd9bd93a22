package dev.strata.codegen;

import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed changelog rewrites only the generated files whose bytes change, and deletes those no longer generated. */
class IncrementalRegenerationTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L);

    @TempDir
    Path dir;

    @Test
    void onlyChangedFilesAreRewrittenAndStaleOnesDeleted() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 3);
        Path out = dir.resolve("out");
        assertTrue(Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), out, dir.resolve("work")));
        Map<String, byte[]> before = contents(out);
        Path stale = out.resolve("test/db/tables/Gone.java");
        Files.writeString(stale, "class Gone {}");
        Path notOurs = out.resolve("other/Keep.txt");
        Files.createDirectories(notOurs.getParent());
        Files.writeString(notOurs, "outside the generated package");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, LONG_AGO);
            }
        }

        changelogs.add("0007-add-t002-note", TestChangelogs.addColumn("t002", "note", "VARCHAR(20)"));
        changelogs.add("0008-drop-t003", "    <dropTable tableName=\"t003\"/>");
        assertTrue(Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), out, dir.resolve("work")));

        Map<String, byte[]> after = contents(out);
        int kept = 0;
        for (Map.Entry<String, byte[]> file : after.entrySet()) {
            FileTime modified = Files.getLastModifiedTime(out.resolve(file.getKey()));
            byte[] old = before.get(file.getKey());
            if (old != null && Arrays.equals(old, file.getValue())) {
                assertEquals(LONG_AGO, modified, file.getKey() + " has the same bytes and must not be rewritten");
                kept++;
            } else if (!file.getKey().equals("other/Keep.txt")) {
                assertNotEquals(LONG_AGO, modified, file.getKey() + " changed and must be rewritten");
            }
        }
        assertTrue(kept > 0, "some files are unchanged by the new changesets");
        assertFalse(Arrays.equals(before.get("test/db/tables/T002.java"), after.get("test/db/tables/T002.java")),
                "T002 gained a column");
        assertFalse(after.containsKey("test/db/tables/T003.java"), "the dropped table's class is deleted");
        assertFalse(Files.exists(stale), "a file no longer generated is deleted");
        assertTrue(Files.exists(notOurs), "files outside the generated package are left alone");

        // The same bytes as a generation into an empty folder.
        Path clean = dir.resolve("clean");
        assertTrue(Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), clean, dir.resolve("work-clean")));
        Map<String, byte[]> expected = contents(clean);
        after.remove("other/Keep.txt");
        assertEquals(expected.keySet(), after.keySet());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), after.get(file), file);
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".jooq-")),
                    "no temporary generation folder is left behind");
        }
    }

    static Map<String, byte[]> contents(Path root) throws Exception {
        Map<String, byte[]> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                result.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return result;
    }
}
