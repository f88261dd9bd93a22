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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        Path file = changelogs.root().resolve("changes/0003-drop-title.xml");
        Files.writeString(file, Files.readString(file).replace("author=\"test\">", "author=\"test\" labels=\"reviewed-destructive\">"));
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

    /** Appends new changesets to the lock without the other guards, as if the refresh had run earlier. */
    private void refreshLockOnly() throws Exception {
        new ChangelogLock(module.resolve("changelog.lock")).append(changelogs.changelog().manifest());
    }
}
