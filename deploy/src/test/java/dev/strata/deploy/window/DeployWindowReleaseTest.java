package dev.strata.deploy.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check end to end on a copy of this repository: release-1 is this tree, then an additive change
 * passes and a drop of a column release-1 reads fails, named by bisecting. Builds release-1 with Maven and
 * runs one of its test classes several times (minutes): {@code -Dstrata.deploy-window.full=true}.
 */
@EnabledIfSystemProperty(named = "strata.deploy-window.full", matches = "true")
class DeployWindowReleaseTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String TEST = "dev/strata/app/task/TaskQueueTest";

    @TempDir
    Path dir;

    @Test
    void anAdditiveChangePassesAndADropOfAColumnTheReleaseReadsFailsNamingIt() throws Exception {
        ThrowawayRepo repo = copyOfThisRepository();
        repo.commit("release 1");
        repo.git("tag", "release-1");

        addChangeset(repo, "0007-add-task-note", "<addColumn tableName=\"task\"><column name=\"note\" type=\"TEXT\"/></addColumn>");
        repo.commit("an additive change");
        ThrowawayRepo.Run passes = repo.check("--offline", "--test", TEST);
        assertEquals(0, passes.exit(), passes.out() + passes.err());
        assertTrue(passes.out().matches("(?s).*deploy-window: release-1 \\([0-9a-f]{10}\\) passes on the current changelogs:"
                + " [1-9]\\d* test\\(s\\) of :strata-app, 1 new changeset\\(s\\) \\(0007-add-task-note\\) \\(\\d+ s\\)\n"),
                passes.out());

        addChangeset(repo, "0008-drop-task-last-error", "<dropColumn tableName=\"task\" columnName=\"last_error\"/>");
        repo.commit("a breaking change");
        ThrowawayRepo.Run fails = repo.check("--offline", "--test", TEST);
        assertEquals(1, fails.exit(), fails.out() + fails.err());
        assertTrue(fails.out().contains("FAILS on the current changelogs")
                && fails.out().contains("\n  breaks it: changeset 0008-drop-task-last-error in"
                        + " changes/0008-drop-task-last-error.xml\n")
                && fails.out().contains("\n    dev.strata.app.task.TaskQueueTest.")
                && fails.out().contains("no such column: task.last_error")
                && fails.out().contains("drop or rename it in release N+1"), fails.out());
        assertEquals("", fails.err());
    }

    /** This checkout's files (tracked and new, not ignored) in a fresh repository. */
    ThrowawayRepo copyOfThisRepository() throws Exception {
        Process list = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").start();
        String files = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor());
        for (String file : files.split("\0")) {
            Path source = ROOT.resolve(file);
            if (!file.isEmpty() && Files.isRegularFile(source)) {
                Path copy = dir.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return new ThrowawayRepo(dir);
    }

    static void addChangeset(ThrowawayRepo repo, String id, String change) throws Exception {
        Path changelog = ChangelogFolder.in(repo.dir).root.resolve("db/changelog");
        repo.write(repo.dir.relativize(changelog.resolve("changes/" + id + ".xml")).toString(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                  <changeSet id="%s" author="strata" labels="reviewed-destructive">
                    %s
                  </changeSet>
                </databaseChangeLog>
                """.formatted(id, change));
        Path master = changelog.resolve("master.xml");
        String xml = Files.readString(master);
        int end = xml.lastIndexOf("</databaseChangeLog>");
        Files.writeString(master, xml.substring(0, end) + "  <include file=\"changes/" + id
                + ".xml\" relativeToChangelogFile=\"true\"/>\n" + xml.substring(end));
    }
}
