package dev.strata.codegen;

import dev.strata.testing.StdoutOnFailure;
import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated module compiles only stale sources (maven-compiler-plugin's {@code useIncrementalCompilation}
 * off): after each changelog edit, codegen deletes the classes it made stale, a compile of the sources whose
 * class is missing or older follows (as the plugin's stale-source scan does), and the classes folder must hold
 * exactly the classes, byte for byte, that a full compile into an empty folder gives.
 */
@ExtendWith(StdoutOnFailure.class)
class StaleClassesTest {
    @TempDir
    Path dir;

    @Test
    void compilingOnlyStaleSourcesAfterEachEditEqualsAFullCompile() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 5);
        Path out = dir.resolve("out");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path work = dir.resolve("work");
        assertTrue(Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), out, work, "", classes, null,
                l -> { }));
        assertEquals(sources(out).size(), compileStale(out, classes), "the first build compiles every source");

        List<String[]> edits = List.of(
                new String[] {"0011-add-t005-note", TestChangelogs.addColumn("t005", "note", "VARCHAR(20)")},
                new String[] {"0012-add-t002-flag", TestChangelogs.addColumn("t002", "flag", "BOOLEAN")},
                new String[] {"0013-create-t006", """
                            <createTable tableName="t006">
                              <column name="id" type="INTEGER" autoIncrement="true"><constraints primaryKey="true"/></column>
                              <column name="t003_id" type="INTEGER">
                                <constraints foreignKeyName="fk_t006_t003" referencedTableName="t003" referencedColumnNames="id"/>
                              </column>
                            </createTable>"""},
                new String[] {"0014-rename-t005-note", "    <renameColumn tableName=\"t005\" oldColumnName=\"note\""
                        + " newColumnName=\"remark\" columnDataType=\"VARCHAR(20)\"/>"},
                new String[] {"0015-retype-t002-amount", "    <modifyDataType tableName=\"t002\" columnName=\"amount\""
                        + " newDataType=\"BIGINT\"/>"},
                new String[] {"0016-drop-t006", "    <dropTable tableName=\"t006\"/>"},
                new String[] {"0017-drop-t005", "    <dropTable tableName=\"t005\"/>"});
        for (String[] edit : edits) {
            changelogs.add(edit[0], edit[1]);
            Thread.sleep(5); // the stale scan compares modification times, as Maven's does
            assertTrue(Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), out, work, "", classes, null,
                    l -> { }), edit[0]);
            int compiled = compileStale(out, classes);
            assertTrue(compiled > 0 && compiled < sources(out).size(), edit[0] + " compiles some sources, not all: "
                    + compiled);
            Path full = Files.createDirectories(dir.resolve("full-" + edit[0]));
            compile(sources(out), full, full);
            Map<String, byte[]> expected = IncrementalRegenerationTest.contents(full);
            Map<String, byte[]> actual = IncrementalRegenerationTest.contents(classes);
            assertEquals(expected.keySet(), actual.keySet(), "after " + edit[0] + ": no stale class survives and none"
                    + " is missing");
            for (String file : expected.keySet()) {
                assertArrayEquals(expected.get(file), actual.get(file), "after " + edit[0] + ": " + file);
            }
        }
    }

    @Test
    void aChangedGeneratorMakesEveryClassStale() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 3);
        Path out = dir.resolve("out");
        Path classes = dir.resolve("classes");
        Path work = dir.resolve("work");
        generateAndCompile(changelogs, out, classes, work, "plugin 1");
        // Same changelogs, another plugin (or jOOQ, or configuration): the sources may be byte-identical, yet
        // the classes were compiled against the old dependencies.
        assertEquals(sources(out).size(), generateAndCompile(changelogs, out, classes, work, "plugin 2"));
    }

    @Test
    void aRegenerationStoppedBeforeItsClassesWereDeletedMakesEveryClassStaleNextTime() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 3);
        Path out = dir.resolve("out");
        Path classes = dir.resolve("classes");
        Path work = dir.resolve("work");
        generateAndCompile(changelogs, out, classes, work, "");
        // As a run stopped between writing the sources and deleting their classes leaves the work folder.
        Files.writeString(work.resolve(Codegen.PENDING), "");
        changelogs.add("0007-add-t003-note", TestChangelogs.addColumn("t003", "note", "VARCHAR(20)"));
        Thread.sleep(5);
        Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), out, work, "", classes, null, l -> { });
        assertEquals(sources(out).size(), compileStale(out, classes));
        assertTrue(!Files.exists(work.resolve(Codegen.PENDING)), "the marker is gone once the classes are deleted");
    }

    @Test
    void aFileUsingAChangedMemberIsRecompiledAndOneUsingOnlyUnchangedOnesIsNot() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/p"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String before = "package p; public class C { public static final int LIMIT = 5;"
                + " public static String name() { return \"c\"; } public static int size() { return 1; } }";
        Files.writeString(sources.resolve("C.java"), before);
        Files.writeString(sources.resolve("D.java"), "package p; class D { int limit() { return C.LIMIT; } }");
        Files.writeString(sources.resolve("E.java"), "package p; class E { Object name() { return C.name(); } }");
        Files.writeString(sources.resolve("F.java"), "package p; class F { int size() { return C.size(); } }");
        Path root = dir.resolve("src");
        compileStale(root, classes);
        for (String after : List.of(before.replace("LIMIT = 5", "LIMIT = 6"),
                before.replace("String name()", "Object name()"),
                before.replace(" public static int size() { return 1; }", ""))) {
            Files.writeString(sources.resolve("C.java"), after);
            Thread.sleep(5);
            Path c = Path.of("p/C.java");
            GeneratedFiles.Update update = new GeneratedFiles.Update(
                    java.util.Set.of(c, Path.of("p/D.java"), Path.of("p/E.java"), Path.of("p/F.java")),
                    java.util.Set.of(c), Map.of(c, before.getBytes()));
            java.util.Set<Path> stale = StaleClasses.delete(root, classes, update, false);
            if (!after.contains("int size()")) {
                // F no longer compiles against C: that the compile then fails is the point.
                assertTrue(stale.contains(Path.of("p/F.java")), "F uses the removed C.size()");
                continue;
            }
            compileStale(root, classes);
            Path full = Files.createDirectories(dir.resolve("full-" + stale.size() + after.hashCode()));
            compile(sources(root), full, full);
            for (String name : List.of("C", "D", "E", "F")) {
                assertArrayEquals(Files.readAllBytes(full.resolve("p/" + name + ".class")),
                        Files.readAllBytes(classes.resolve("p/" + name + ".class")), name + " after " + after);
            }
            assertTrue(!stale.contains(Path.of("p/F.java")), "F uses only C.size(), which did not change: " + stale);
            Files.writeString(sources.resolve("C.java"), before);
            Thread.sleep(5);
            StaleClasses.delete(root, classes, new GeneratedFiles.Update(update.generated(), update.touched(),
                    Map.of(c, after.getBytes())), false);
            compileStale(root, classes);
        }
    }

    /** Codegen with stale-class deletion into {@code classes}, then the stale compile; returns how many compiled. */
    private static int generateAndCompile(TestChangelogs changelogs, Path out, Path classes, Path work, String tool)
            throws Exception {
        Files.createDirectories(classes);
        Codegen.run(CodegenTest.CONFIG.getBytes(), changelogs.changelog(), out, work, tool, classes, null, l -> { });
        return compileStale(out, classes);
    }

    /** What the compiler plugin's stale-source scan compiles: sources without a class, or newer than it. */
    private static int compileStale(Path sources, Path classes) throws Exception {
        List<Path> stale = new ArrayList<>();
        for (Path source : sources(sources)) {
            String relative = sources.relativize(source).toString();
            Path compiled = classes.resolve(relative.substring(0, relative.length() - ".java".length()) + ".class");
            if (!Files.exists(compiled)
                    || Files.getLastModifiedTime(source).compareTo(Files.getLastModifiedTime(compiled)) > 0) {
                stale.add(source);
            }
        }
        if (!stale.isEmpty()) {
            compile(stale, classes, classes);
        }
        return stale.size();
    }

    private static void compile(List<Path> files, Path classpath, Path into) throws Exception {
        List<String> args = new ArrayList<>(List.of("-d", into.toString(), "-classpath",
                classpath + java.io.File.pathSeparator + System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        files.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(new String[0]));
        assertEquals(0, exit, "compiles: " + errors);
    }

    private static List<Path> sources(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
