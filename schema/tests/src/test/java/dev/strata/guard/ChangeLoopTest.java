package dev.strata.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema-change loop in a real git work tree: a developer's build locks a new changeset and refreshes
 * the snapshot, re-locks it while it is edited before its first commit, refuses it empty, and treats it as
 * released once committed; a CI build changes nothing and fails on what was not committed.
 */
class ChangeLoopTest {
    @TempDir
    Path repo;

    TestChangelogs changelogs;

    @BeforeEach
    void committedProject() throws Exception {
        changelogs = new TestChangelogs(repo.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        assertEquals(0, git("init", "-q"));
        build(Guards.Mode.LOCAL);
        commit("base");
    }

    @Test
    void aNewChangesetIsLockedAndReLockedUntilCommittedThenImmutable() throws Exception {
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        assertEquals("locked 1 new changeset(s) (0002-create-b) in changelog.lock and refreshed structure.sql;"
                + " commit them with your changelog", build(Guards.Mode.LOCAL));
        String first = lastLockLine();
        assertTrue(first.startsWith("0002-create-b\ttest\tchanges/0002-create-b.xml\t9:"), first);
        assertTrue(Files.readString(repo.resolve("structure.sql")).contains("CREATE TABLE b"));

        edit("0002-create-b", "    </createTable>", "      <column name=\"w\" type=\"TEXT\"/>\n    </createTable>");
        assertEquals("locked 1 new changeset(s) (0002-create-b) in changelog.lock and refreshed structure.sql;"
                + " commit them with your changelog", build(Guards.Mode.LOCAL), "edited before commit: re-locked");
        assertTrue(!lastLockLine().equals(first) && lastLockLine().startsWith("0002-create-b\t"));
        assertTrue(Files.readString(repo.resolve("structure.sql")).contains("w TEXT"));

        commit("add b");
        edit("0002-create-b", "\"TEXT\"", "\"BLOB\"");
        String message = assertThrows(GuardException.class, () -> build(Guards.Mode.LOCAL)).getMessage();
        assertTrue(message.contains("released changeset 0002-create-b in changes/0002-create-b.xml was edited"), message);
    }

    @Test
    void anEmptyChangesetIsRefusedAndNeverLocked() throws Exception {
        String lock = Files.readString(repo.resolve("changelog.lock"));
        changelogs.add("0002-empty", "");
        String message = assertThrows(GuardException.class, () -> build(Guards.Mode.LOCAL)).getMessage();
        assertTrue(message.contains("changeset 0002-empty in changes/0002-empty.xml is empty"), message);
        assertEquals(lock, Files.readString(repo.resolve("changelog.lock")));
    }

    @Test
    void ciChangesNothingAndFailsOnALockOrSnapshotThatWasNotCommitted() throws Exception {
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        String lock = Files.readString(repo.resolve("changelog.lock"));
        String snapshot = Files.readString(repo.resolve("structure.sql"));
        String message = assertThrows(GuardException.class, () -> build(Guards.Mode.CI)).getMessage();
        assertTrue(message.contains("1 changeset(s) not in the committed changelog.lock: 0002-create-b"), message);
        assertTrue(message.contains("structure.sql is stale"), message);
        assertEquals(lock, Files.readString(repo.resolve("changelog.lock")), "CI never writes the lock");
        assertEquals(snapshot, Files.readString(repo.resolve("structure.sql")), "nor the snapshot");

        build(Guards.Mode.LOCAL);
        message = assertThrows(GuardException.class, () -> build(Guards.Mode.CI)).getMessage();
        assertTrue(message.contains("changelog.lock has changes that are not committed"), message);
        assertTrue(message.contains("structure.sql has changes that are not committed"), message);

        commit("add b");
        assertTrue(build(Guards.Mode.CI).startsWith("lock, destructive-change review"));
    }

    @Test
    void aMergeConflictLeftInTheLockIsNamedNotRewritten() throws Exception {
        Path lock = repo.resolve("changelog.lock");
        String conflicted = Files.readString(lock) + "<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> other\n";
        Files.writeString(lock, conflicted);
        String message = assertThrows(GuardException.class, () -> build(Guards.Mode.LOCAL)).getMessage();
        assertTrue(message.contains("has a malformed line: '<<<<<<< HEAD' (a merge conflict left in it?)"), message);
        assertEquals(conflicted, Files.readString(lock), "the build leaves the conflict for the developer");
    }

    private String build(Guards.Mode mode) throws Exception {
        return Guards.run(repo, changelogs.root(), repo.resolve("target"), changelogs.changelog(), mode, true, "");
    }

    private void edit(String id, String from, String to) throws Exception {
        Path file = changelogs.root().resolve("changes/" + id + ".xml");
        Files.writeString(file, Files.readString(file).replace(from, to));
    }

    private String lastLockLine() throws Exception {
        List<String> lines = Files.readAllLines(repo.resolve("changelog.lock"));
        return lines.get(lines.size() - 1);
    }

    private void commit(String message) throws Exception {
        Files.writeString(repo.resolve(".gitignore"), "target/\n");
        assertEquals(0, git("add", "-A"));
        assertEquals(0, git("commit", "-qm", message));
    }

    private int git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
