package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.manifest.Changeset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liquibase's own rules, kept exactly: identity, dbms-aware checksums, runOnChange, runAlways, MARK_RAN, new files. */
class LiquibaseSemanticsTest {
    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
            """;

    @TempDir
    Path dir;

    private Changelog write(String master, String... files) throws Exception {
        Path root = dir.resolve("changelog");
        Files.createDirectories(root);
        Files.writeString(root.resolve("master.xml"), HEADER + master + "\n</databaseChangeLog>\n");
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(root.resolve(files[i]), HEADER + files[i + 1] + "\n</databaseChangeLog>\n");
        }
        return Changelog.directory(root, "master.xml");
    }

    private static String createTable(String id, String author, String attributes, String table) {
        return "<changeSet id=\"" + id + "\" author=\"" + author + "\"" + attributes + "><createTable tableName=\"" + table
                + "\"><column name=\"v\" type=\"INTEGER\"/></createTable></changeSet>";
    }

    @Test
    void sameIdAndAuthorInTwoFilesAreTwoChangesets() throws Exception {
        Changelog changelog = write("<include file=\"a.xml\" relativeToChangelogFile=\"true\"/>"
                        + "<include file=\"b.xml\" relativeToChangelogFile=\"true\"/>",
                "a.xml", createTable("1", "ann", "", "a"), "b.xml", createTable("1", "ann", "", "b"));
        Engine engine = Engine.on(Target.sqlite(dir.resolve("app.db"))).changelog(changelog).withBackups(false);

        assertEquals(List.of("1", "1"), engine.update());
        assertTrue(engine.status().atHead());
        assertEquals(List.of("a.xml::1::ann", "b.xml::1::ann"), engine.history().stream().map(AppliedChangeset::key).toList());
    }

    @Test
    void trackingRowsMatchAsLiquibaseMatchesThemWhateverThePathPrefixOrCase() throws Exception {
        Changelog changelog = write("<include file=\"a.xml\" relativeToChangelogFile=\"true\"/>",
                "a.xml", createTable("1", "ann", "", "a"));
        Path db = dir.resolve("app.db");
        Engine engine = Engine.on(Target.sqlite(db)).changelog(changelog).withBackups(false);
        engine.update();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            // As older Liquibase releases and Spring Boot wrote them.
            s.executeUpdate("UPDATE DATABASECHANGELOG SET FILENAME = 'classpath:/./' || FILENAME, AUTHOR = 'ANN'");
        }

        assertTrue(engine.status().atHead(), engine.status().toString());
        assertEquals(List.of(), engine.update());
    }

    @Test
    void sameIdAndAuthorInOneFileForDifferentDatabasesIsNoDuplicate() throws Exception {
        Changelog changelog = write(createTable("1", "ann", " dbms=\"h2,postgresql\"", "a")
                + createTable("1", "ann", " dbms=\"sqlite\"", "a"));
        Engine engine = Engine.on(Target.sqlite(dir.resolve("app.db"))).changelog(changelog).withBackups(false);

        assertEquals(List.of("1"), engine.update());
        assertTrue(engine.status().atHead());
    }

    @Test
    void aTrueDuplicateIsRefusedNamingFileIdAndAuthorAndNothingIsCreated() throws Exception {
        Changelog changelog = write(createTable("1", "ann", "", "a") + createTable("1", "ann", " dbms=\"!h2\"", "b"));
        Path db = dir.resolve("new.db");

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelog).update());

        assertEquals("changeset 1 (author ann) appears twice in master.xml for sqlite; give the second one a new id",
                e.getMessage());
        assertFalse(Files.exists(db), "a failed update into a new file leaves no file behind");
    }

    @Test
    void checksumsAreThoseOfTheDatabaseBeingMigrated() throws Exception {
        Changelog changelog = write("""
                <property name="text.type" value="VARCHAR(100)" dbms="h2"/>
                <property name="text.type" value="VARCHAR(120)"/>
                <changeSet id="1" author="ann">
                  <createTable tableName="a"><column name="v" type="${text.type}"/></createTable>
                  <sql dbms="h2">CREATE SEQUENCE a_seq</sql>
                  <sql dbms="sqlite">CREATE TABLE a_seq (v INTEGER)</sql>
                  <modifySql dbms="sqlite"><append value=" /* sqlite */"/></modifySql>
                </changeSet>""");
        Engine h2 = Engine.on(Target.parse("jdbc:h2:mem:checksums;DB_CLOSE_DELAY=-1")).changelog(changelog);

        assertEquals(List.of("1"), h2.update());

        assertTrue(h2.status().atHead(), h2.status().toString());
        String storedOnH2 = h2.history().get(0).checksum();
        assertNotEquals(changelog.manifest().changesets().get(0).checksum(), storedOnH2,
                "SQLite's checksum differs from H2's, so the H2 verdict cannot come from SQLite's manifest");
        assertEquals(List.of(), h2.update());
    }

    @Test
    void anEditedRunOnChangeChangesetIsPendingAndRerunsInsteadOfBeingRefused() throws Exception {
        String view = "<changeSet id=\"v\" author=\"ann\" runOnChange=\"true\"><sql splitStatements=\"true\">"
                + "DROP VIEW IF EXISTS big; CREATE VIEW big AS SELECT v FROM a WHERE v > %d</sql></changeSet>";
        Changelog first = write(createTable("1", "ann", "", "a") + String.format(view, 10));
        Path db = dir.resolve("app.db");
        Engine.on(Target.sqlite(db)).changelog(first).withBackups(false).update();

        Changelog edited = write(createTable("1", "ann", "", "a") + String.format(view, 20));
        Engine engine = Engine.on(Target.sqlite(db)).changelog(edited).withBackups(false);
        SchemaState state = engine.status();
        assertEquals(SchemaState.Verdict.PENDING, state.verdict());
        assertEquals(List.of("v"), state.pending().stream().map(Changeset::id).toList());
        assertEquals(List.of(), state.edited());

        List<String> lines = new ArrayList<>();
        assertEquals(List.of("v"), engine.reportingTo(lines::add).update());
        assertTrue(lines.get(0).startsWith("  re-ran v "), lines.toString());
        assertTrue(engine.status().atHead());
        assertEquals("RERAN", engine.history().get(1).execType());
    }

    @Test
    void runAlwaysKeepsTheDatabaseAtHeadAndUpdateStillRerunsIt() throws Exception {
        Changelog changelog = write(createTable("1", "ann", "", "a")
                + "<changeSet id=\"count\" author=\"ann\" runAlways=\"true\"><sql>INSERT INTO a (v) VALUES (1)</sql></changeSet>");
        Path db = dir.resolve("app.db");
        Engine engine = Engine.on(Target.sqlite(db)).changelog(changelog).withBackups(false);
        engine.update();

        assertTrue(engine.status().atHead(), "a runAlways changeset that ran once does not make the database out of date");
        assertEquals(List.of("count"), engine.update(), "update re-runs it, as Liquibase's update does");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM a")) {
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void aChangesetSkippedByMarkRanIsReportedAsMarkedRanNotApplied() throws Exception {
        Changelog changelog = write("<changeSet id=\"drop-old\" author=\"ann\"><preConditions onFail=\"MARK_RAN\">"
                + "<tableExists tableName=\"old\"/></preConditions><dropTable tableName=\"old\"/></changeSet>");
        List<String> lines = new ArrayList<>();

        Engine.on(Target.sqlite(dir.resolve("app.db"))).changelog(changelog).reportingTo(lines::add).update();

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("  marked ran drop-old "), lines.toString());
    }

    @Test
    void aMissingCustomChangeClassIsNamedWithTheOptionThatAddsIt() throws Exception {
        Changelog changelog = write("<include file=\"custom.xml\" relativeToChangelogFile=\"true\"/>", "custom.xml",
                "<changeSet id=\"c\" author=\"ann\"><customChange class=\"com.example.Missing\"/></changeSet>");
        Path db = dir.resolve("new.db");

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelog).update());

        assertTrue(e.getMessage().contains("custom change class com.example.Missing, which is not on the class path;"
                + " pass --classpath"), e.getMessage());
        assertFalse(e.getMessage().contains("does not parse"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertFalse(Files.exists(db));
    }

    @Test
    void loadDataAndSqlFileResolveNextToTheChangelogInsideAJar() throws Exception {
        Path jar = dir.resolve("changelogs.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "shop/db/master.xml", HEADER + "<include file=\"changes/data.xml\" relativeToChangelogFile=\"true\"/>"
                    + "</databaseChangeLog>");
            entry(out, "shop/db/changes/data.xml", HEADER + createTable("1", "ann", "", "a")
                    + "<changeSet id=\"2\" author=\"ann\"><loadData tableName=\"a\" file=\"../data/a.csv\""
                    + " relativeToChangelogFile=\"true\"/><sqlFile path=\"../data/more.sql\" relativeToChangelogFile=\"true\"/>"
                    + "</changeSet></databaseChangeLog>");
            entry(out, "shop/db/data/a.csv", "v\n1\n2\n");
            entry(out, "shop/db/data/more.sql", "INSERT INTO a (v) VALUES (3);");
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                LiquibaseSemanticsTest.class.getClassLoader())) {
            Changelog changelog = Changelog.classpath(loader, "shop/db/master.xml");
            Path db = dir.resolve("app.db");
            Engine engine = Engine.on(Target.sqlite(db)).changelog(changelog).withBackups(false);

            assertEquals(List.of("1", "2"), engine.update());

            assertTrue(engine.status().atHead(), engine.status().toString());
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                 var rs = c.createStatement().executeQuery("SELECT group_concat(v) FROM (SELECT v FROM a ORDER BY v)")) {
                assertEquals("1,2,3", rs.getString(1));
            }
        }
    }

    @Test
    void aMissingDataFileIsNamedWithoutLiquibaseInternals() throws Exception {
        Changelog changelog = write(createTable("1", "ann", "", "a") + "<changeSet id=\"2\" author=\"ann\">"
                + "<loadData tableName=\"a\" file=\"nowhere.csv\" relativeToChangelogFile=\"true\"/></changeSet>");
        Path db = dir.resolve("new.db");

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelog).update());

        assertTrue(e.getMessage().startsWith("changeset 2 (author ann) in master.xml: cannot compute its checksum: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("nowhere.csv"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertFalse(e.getMessage().contains("Resource does not exist"), e.getMessage());
        assertFalse(Files.exists(db));
    }

    private static void entry(java.util.jar.JarOutputStream out, String name, String text) throws java.io.IOException {
        out.putNextEntry(new java.util.jar.JarEntry(name));
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
