package dev.strata.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two branches that each add a changeset cannot merge silently: their locks conflict in git. */
class LockMergeTest {
    @TempDir
    Path repo;

    int git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void twoBranchesAddingAChangesetConflictInTheLock() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(repo.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        ChangelogLock lock = new ChangelogLock(repo.resolve("changelog.lock"));
        lock.append(changelogs.changelog().manifest());
        assertEquals(0, git("init", "-q"));
        assertEquals(0, git("add", "-A"));
        assertEquals(0, git("commit", "-qm", "base"));

        assertEquals(0, git("checkout", "-qb", "one"));
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        lock.append(changelogs.changelog().manifest());
        assertEquals(0, git("commit", "-qam", "one adds b"));
        assertEquals(0, git("add", "-A"));
        assertEquals(0, git("commit", "-qm", "one adds b files"));

        assertEquals(0, git("checkout", "-q", "main"));
        TestChangelogs other = new TestChangelogs(repo.resolve("changelog"));
        other.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        other.add("0002-create-c", TestChangelogs.createTable("c", "v INTEGER"));
        lock.append(other.changelog().manifest());
        assertEquals(0, git("add", "-A"));
        assertEquals(0, git("commit", "-qm", "main adds c"));

        assertNotEquals(0, git("merge", "-q", "one"), "the merge must stop");
        String merged = Files.readString(repo.resolve("changelog.lock"));
        assertTrue(merged.contains("<<<<<<<") && merged.contains("0002-create-b") && merged.contains("0002-create-c"),
                merged);
    }
}
