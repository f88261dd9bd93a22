package dev.strata.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each guard catches its case and stays quiet on a clean tree. */
class GuardsTest {
    @TempDir
    Path dir;

    TestChangelogs changelogs;
    Path module;

    @BeforeEach
    void cleanTree() throws Exception {
        module = Files.createDirectories(dir.resolve("module"));
        changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "title VARCHAR(10)"));
        assertNotNull(refresh());
    }

    String run() throws Exception {
        return Guards.run(module, changelogs.root(), dir.resolve("work"), changelogs.changelog(), Guards.Mode.LOCAL, false, "");
    }

    String ci() throws Exception {
        return Guards.run(module, changelogs.root(), dir.resolve("work"), changelogs.changelog(), Guards.Mode.CI, false, "");
    }

    String refresh() throws Exception {
        return Guards.run(module, changelogs.root(), dir.resolve("work"), changelogs.changelog(), Guards.Mode.LOCAL, true, "");
    }

    String failure() {
        return assertThrows(GuardException.class, this::run).getMessage();
    }

    @Test
    void cleanTreeIsQuietAndSkippedWhenUnchanged() throws Exception {
        assertNull(run(), "refresh left nothing to check");
        Files.delete(dir.resolve("work/guards.sha256"));
        assertTrue(run().startsWith("lock, destructive-change review, schema snapshot and H2 cross-check passed"));
        assertNull(run(), "unchanged inputs: skipped");
    }

    @Test
    void editedReleasedChangesetFailsNamingItAndBothChecksums() throws Exception {
        Path file = changelogs.root().resolve("changes/0001-create-a.xml");
        Files.writeString(file, Files.readString(file).replace("VARCHAR(10)", "VARCHAR(99)"));
        String message = failure();
        assertTrue(message.startsWith("released changeset 0001-create-a in changes/0001-create-a.xml was edited"
                + " (locked checksum 9:"), message);
        assertTrue(message.contains("revert the edit and make the change in a new changeset"), message);
    }

    @Test
    void removedAndReorderedChangesetsFail() throws Exception {
        Path master = changelogs.root().resolve("master.xml");
        String original = Files.readString(master);
        Files.writeString(master, original.replace("  <include file=\"changes/0001-create-a.xml\" relativeToChangelogFile=\"true\"/>\n", ""));
        assertTrue(failure().contains("released changeset 0001-create-a in changes/0001-create-a.xml was removed"));

        List<String> lines = original.lines().toList();
        int a = lines.indexOf(lines.stream().filter(l -> l.contains("0001-create-a")).findFirst().orElseThrow());
        String swapped = original.replace(lines.get(a), "@@").replace(lines.get(a + 1), lines.get(a)).replace("@@", lines.get(a + 1));
        Files.writeString(master, swapped);
        assertTrue(failure().contains("released changeset 0001-create-a in changes/0001-create-a.xml moved from position 1 to 2"));
    }

    @Test
    void newChangesetFailsInCiAndIsLockedByALocalBuild() throws Exception {
        changelogs.add("0003-create-c", TestChangelogs.createTable("c", "v INTEGER"));
        String message = assertThrows(GuardException.class, this::ci).getMessage();
        assertTrue(message.contains("1 changeset(s) not in the committed changelog.lock: 0003-create-c; build without"
                + " CI=true (it locks them) and commit changelog.lock with the changelog"), message);
        assertTrue(message.contains("structure.sql is stale; the changelogs now produce:\n+ CREATE TABLE c"), message);

        assertEquals("locked 1 new changeset(s) (0003-create-c) in changelog.lock and refreshed structure.sql;"
                + " commit them with your changelog", refresh());
        List<String> lock = Files.readAllLines(module.resolve("changelog.lock"));
        assertTrue(lock.get(lock.size() - 1).startsWith("0003-create-c\ttest\tchanges/0003-create-c.xml\t9:"));
        assertTrue(Files.readString(module.resolve("structure.sql")).contains("CREATE TABLE c (id INTEGER"));
    }

    @Test
    void aLocalBuildNeverRewritesAReleasedLine() throws Exception {
        Path file = changelogs.root().resolve("changes/0002-create-b.xml");
        Files.writeString(file, Files.readString(file).replace("VARCHAR(10)", "TEXT"));
        GuardException e = assertThrows(GuardException.class, this::refresh);
        assertTrue(e.getMessage().contains("released changeset 0002-create-b"), e.getMessage());
    }

    @Test
    void destructiveChangeNeedsTheReviewMarker() throws Exception {
        changelogs.add("0003-drop-title", "    <dropColumn tableName=\"b\" columnName=\"title\"/>");
        refreshLockOnly();
        String message = failure();
        assertTrue(message.contains("changeset 0003-drop-title in changes/0003-drop-title.xml drops column b.title."
                + " Destructive and data-dependent changes"), message);
        assertTrue(message.contains("add the new shape and dual-write in release N, drop the old one in N+1"), message);

        markReviewed("0003-drop-title");
        assertNotNull(refresh());
        assertNull(run());
    }

    @Test
    void dataDependentChangesAreFlaggedButNotOnATableCreatedInTheSameChangeset() throws Exception {
        changelogs.add("0003-not-null", "    <addNotNullConstraint tableName=\"a\" columnName=\"name\" columnDataType=\"VARCHAR(10)\"/>");
        changelogs.add("0004-new-table", TestChangelogs.createTable("d", "code VARCHAR(5)")
                + "\n    <addUniqueConstraint tableName=\"d\" columnNames=\"code\" constraintName=\"uq_d_code\"/>");
        refreshLockOnly();
        String message = failure();
        assertTrue(message.contains("changeset 0003-not-null in changes/0003-not-null.xml adds NOT NULL to a.name"
                + " (existing rows may hold NULL)"), message);
        assertTrue(!message.contains("0004-new-table"), message);
    }

    @Test
    void changesetsThatOnlyRunOnSqliteAreReportedByTheSecondEngine() throws Exception {
        changelogs.add("0003-sqlite-only", "    <sql dbms=\"sqlite\">CREATE TABLE only_here (id INTEGER PRIMARY KEY)</sql>");
        String message = assertThrows(GuardException.class, this::refresh).getMessage();
        assertTrue(message.contains("second engine (H2 replay) disagrees with SQLite: table only_here exists only on SQLite"),
                message);
    }

    /** Each change that can destroy data or break the running release, and the reason the build prints. */
    static Stream<Arguments> changesNeedingReview() {
        return Stream.of(
                Arguments.of("<sql>DELETE FROM a WHERE name IS NULL</sql>",
                        "runs SQL (DELETE FROM a WHERE name IS NULL), which the review cannot see into"),
                Arguments.of("<sqlFile path=\"cleanup.sql\" relativeToChangelogFile=\"true\"/>",
                        "runs the SQL file cleanup.sql, which the review cannot see into"),
                Arguments.of("<delete tableName=\"a\"><where>name = 'x'</where></delete>",
                        "deletes rows from a where name = 'x'"),
                Arguments.of("<delete tableName=\"a\"/>", "deletes rows from a (all of them)"),
                Arguments.of("<createView viewName=\"va\">SELECT name FROM a</createView>"
                        + "<renameView oldViewName=\"va\" newViewName=\"vb\"/>", "renames view va to vb"),
                Arguments.of("<customChange class=\"" + Greeting.class.getName() + "\"/>",
                        "runs the custom change class " + Greeting.class.getName() + ", which the review cannot see into"),
                Arguments.of("<update tableName=\"a\"><column name=\"name\" value=\"x\"/></update>",
                        "updates rows of a"),
                Arguments.of("<loadUpdateData tableName=\"a\" file=\"a.csv\" relativeToChangelogFile=\"true\""
                        + " primaryKey=\"id\"/>", "updates rows of a from a.csv"),
                Arguments.of("<createView viewName=\"va\" replaceIfExists=\"true\">SELECT id FROM a</createView>",
                        "replaces view va (the running release reads its old columns)"),
                Arguments.of("<createIndex tableName=\"a\" indexName=\"uq_a_name\" unique=\"true\">"
                        + "<column name=\"name\"/></createIndex>",
                        "adds the unique index uq_a_name on a (existing rows may hold duplicates)"),
                Arguments.of("<dropIndex tableName=\"a\" indexName=\"ix_a_name\"/>",
                        "uses dropIndex, which the review does not know to be additive (it may destroy data or"
                                + " break the running release)"),
                Arguments.of("<dropDefaultValue tableName=\"a\" columnName=\"name\"/>",
                        "uses dropDefaultValue, which the review does not know to be additive"),
                Arguments.of("<addLookupTable existingTableName=\"a\" existingColumnName=\"name\""
                        + " newTableName=\"names\" newColumnName=\"name\" newColumnDataType=\"VARCHAR(10)\""
                        + " constraintName=\"fk_a_names\"/>",
                        "uses addLookupTable, which the review does not know to be additive"));
    }

    @ParameterizedTest
    @MethodSource("changesNeedingReview")
    void changeNeedsTheReviewMarkerWithItsReason(String change, String reason) throws Exception {
        Files.writeString(changelogs.root().resolve("changes/cleanup.sql"), "DELETE FROM a;\n");
        Files.writeString(changelogs.root().resolve("changes/a.csv"), "id,name\n1,x\n");
        changelogs.add("0003-review-me", "    " + change);
        List<String> problems = DestructiveChanges.unreviewed(changelogs.changelog().parse());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("changeset 0003-review-me in changes/0003-review-me.xml " + reason),
                problems.get(0));
        assertTrue(problems.get(0).endsWith("mark the changeset with labels=\"reviewed-destructive\""), problems.get(0));

        markReviewed("0003-review-me");
        assertEquals(List.of(), DestructiveChanges.unreviewed(changelogs.changelog().parse()));
    }

    @Test
    void additiveChangesPassUnmarked() throws Exception {
        Files.writeString(changelogs.root().resolve("changes/more.csv"), "name\ny\n");
        changelogs.add("0003-additive", TestChangelogs.createTable("c", "code VARCHAR(5)")
                + "\n    <addUniqueConstraint tableName=\"c\" columnNames=\"code\" constraintName=\"uq_c_code\"/>"
                + "\n    <createIndex tableName=\"c\" indexName=\"uq_c_code2\" unique=\"true\"><column name=\"code\"/></createIndex>"
                + "\n" + TestChangelogs.addColumn("a", "note", "TEXT")
                + "\n    <addColumn tableName=\"a\"><column name=\"rank\" type=\"INTEGER\" defaultValueNumeric=\"0\">"
                + "<constraints nullable=\"false\"/></column></addColumn>"
                + "\n    <createIndex tableName=\"a\" indexName=\"ix_a_name\"><column name=\"name\"/></createIndex>"
                + "\n    <createView viewName=\"names\">SELECT name FROM a</createView>"
                + "\n    <insert tableName=\"a\"><column name=\"name\" value=\"x\"/></insert>"
                + "\n    <loadData tableName=\"a\" file=\"more.csv\" relativeToChangelogFile=\"true\"/>"
                + "\n    <addDefaultValue tableName=\"a\" columnName=\"name\" defaultValue=\"?\"/>"
                + "\n    <setTableRemarks tableName=\"a\" remarks=\"things\"/>"
                + "\n    <output>added</output>\n    <empty/>");
        assertEquals(List.of(), DestructiveChanges.unreviewed(changelogs.changelog().parse()));
    }

    @Test
    void sqlFailsTheBuildUntilMarked() throws Exception {
        changelogs.add("0003-backfill", "    <sql>UPDATE a SET name = 'n' WHERE name IS NULL</sql>");
        refreshLockOnly();
        String message = failure();
        assertTrue(message.contains("changeset 0003-backfill in changes/0003-backfill.xml runs SQL (UPDATE a SET name"
                + " = 'n' WHERE name IS NULL), which the review cannot see into (it may delete data or change what the"
                + " running release reads). Destructive and data-dependent changes"), message);

        markReviewed("0003-backfill");
        assertNotNull(refresh());
        assertNull(run());
    }

    /** A custom change that does nothing: the review cannot know that. */
    public static final class Greeting implements CustomTaskChange {
        @Override
        public void execute(Database database) {
        }

        @Override
        public String getConfirmationMessage() {
            return "nothing";
        }

        @Override
        public void setUp() {
        }

        @Override
        public void setFileOpener(ResourceAccessor resourceAccessor) {
        }

        @Override
        public ValidationErrors validate(Database database) {
            return new ValidationErrors();
        }
    }

    private void markReviewed(String id) throws Exception {
        Path file = changelogs.root().resolve("changes/" + id + ".xml");
        Files.writeString(file, Files.readString(file).replace("author=\"test\">",
                "author=\"test\" labels=\"reviewed-destructive\">"));
    }

    /** Appends new changesets to the lock without the other guards, as if the refresh had run earlier. */
    private void refreshLockOnly() throws Exception {
        new ChangelogLock(module.resolve("changelog.lock")).append(changelogs.changelog().manifest());
    }
}
