package dev.strata.deploy.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check's choices and refusals, on small throwaway repositories (no previous release is built here). */
class DeployWindowTest {
    static final String MASTER = "svc/src/main/resources/db/changelog/master.xml";

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    static String master(String... includes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + "  <property name=\"p\" value=\"v\"/>\n");
        for (String include : includes) {
            xml.append("  <include file=\"").append(include).append("\" relativeToChangelogFile=\"true\"/>\n");
        }
        return xml.append("</databaseChangeLog>\n").toString();
    }

    static String changeset(String... ids) {
        StringBuilder xml = new StringBuilder("<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n");
        for (String id : ids) {
            xml.append("  <changeSet id=\"").append(id).append("\" author=\"t\"><output>x</output></changeSet>\n");
        }
        return xml.append("</databaseChangeLog>\n").toString();
    }

    ThrowawayRepo repoWithChangelog() throws Exception {
        return new ThrowawayRepo(dir).write(MASTER, master("changes/0001-a.xml"))
                .write("svc/src/main/resources/db/changelog/changes/0001-a.xml", changeset("0001-a"))
                .write(".gitignore", "target/\n");
    }

    @Test
    void noReleaseTagBeforeHeadIsNothingToCheck() throws Exception {
        ThrowawayRepo repo = repoWithChangelog().commit("first");
        repo.git("tag", "release-1"); // on HEAD itself: not a previous release
        ThrowawayRepo.Run run = repo.check();
        assertEquals(0, run.exit(), run.err());
        assertEquals("deploy-window: no release tag matching 'release-*' before HEAD; nothing to check (tag each"
                + " release, e.g. `git tag release-1`)\n", run.out());
        assertEquals("", run.err());
        assertFalse(Files.exists(dir.resolve("target")), "nothing built");
    }

    @Test
    void thePreviousReleaseIsTheNewestMatchingTagInVersionOrderBeforeHead() throws Exception {
        ThrowawayRepo repo = repoWithChangelog().commit("1");
        repo.git("tag", "release-2");
        repo.write("a", "a").commit("2");
        repo.git("tag", "release-10");
        repo.git("tag", "v7");
        repo.write("b", "b").commit("3");
        repo.git("tag", "release-11"); // HEAD's own tag: the release being made, not the previous one
        Git git = new Git(dir);
        assertEquals("release-10", git.previousReleaseTag("release-*"), "release-10 sorts after release-2");
        assertEquals("v7", git.previousReleaseTag("v*"));
        assertNull(git.previousReleaseTag("rel-*"));
        repo.git("checkout", "-q", "release-10");
        assertEquals("release-2", git.previousReleaseTag("release-*"));
    }

    @Test
    void aRefThatDoesNotExistIsOneLineExit2AndNothingChanged() throws Exception {
        ThrowawayRepo repo = repoWithChangelog().commit("first");
        String before = repo.state();
        ThrowawayRepo.Run run = repo.check("--previous", "release-9");
        assertEquals(2, run.exit());
        assertEquals("deploy-window: git ref 'release-9' does not exist in " + dir
                + "; give a tag, branch or commit (`git tag --list` shows the tags)\n", run.err());
        assertEquals("", run.out());
        assertEquals(before, repo.state());
        assertFalse(Files.exists(dir.resolve("target")));
        assertEquals(2, repo.check("--previous", "--help").exit(), "an option is not a ref");
    }

    @Test
    void aReleaseWithoutTheTestSupportPropertyIsRefused() throws Exception {
        ThrowawayRepo repo = repoWithChangelog().commit("old");
        repo.git("tag", "release-1");
        repo.write(MASTER, master("changes/0001-a.xml", "changes/0002-b.xml"))
                .write("svc/src/main/resources/db/changelog/changes/0002-b.xml", changeset("0002-b")).commit("new");
        ThrowawayRepo.Run run = repo.check();
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().matches("deploy-window: previous release release-1 \\([0-9a-f]{10}\\) predates the"
                + " deploy-window check \\(its test support does not read -Dstrata.template.changelog\\), so its tests"
                + " would run on its own schema; check against a release made with it\n"), run.err());
    }

    @Test
    void aReleaseThatDoesNotBuildIsOneLineExit2AndNothingChanged() throws Exception {
        ThrowawayRepo repo = repoWithChangelog()
                .write("svc/src/main/java/Support.java", "class Support { String p = \"strata.template.changelog\"; }\n")
                .write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><oops></project>\n").commit("broken");
        repo.git("tag", "release-1");
        repo.write("c", "c").commit("next");
        String before = repo.state();
        ThrowawayRepo.Run run = repo.check("--offline");
        assertEquals(2, run.exit(), run.out());
        String[] lines = run.err().split("\n");
        assertEquals(1, lines.length, run.err());
        assertTrue(lines[0].matches("deploy-window: previous release release-1 \\([0-9a-f]{10}\\) does not build:"
                + " Non-parseable POM .*pom.xml: .* \\(log: .*/target/deploy-window/[0-9a-f]{12}/logs/build.log\\)"),
                lines[0]);
        assertEquals(before, repo.state(), "only the ignored build folder is new");
        try (var built = Files.list(dir.resolve("target"))) {
            assertEquals(List.of(dir.resolve("target/deploy-window")), built.toList());
        }
    }

    @Test
    void badArgumentsAreOneLineExit2() throws Exception {
        ThrowawayRepo repo = repoWithChangelog().commit("first");
        assertEquals(new ThrowawayRepo.Run(2, "", "deploy-window: unknown argument '--fast'; see --help\n"),
                repo.check("--fast"));
        assertEquals(new ThrowawayRepo.Run(2, "", "deploy-window: --previous needs a value; see --help\n"),
                repo.check("--previous"));
        assertEquals(new ThrowawayRepo.Run(2, "", "deploy-window: " + elsewhere + " is not a git checkout; run the"
                + " check in a clone that has the release tags\n"), repo.check("--root", elsewhere.toString()));
    }

    @Test
    void newChangelogFilesAndTheFoldersThatStopAfterTheFirstK() throws Exception {
        Path old = dir.resolve("old");
        Path now = dir.resolve("now");
        Files.createDirectories(old.resolve("db/changelog/changes"));
        Files.createDirectories(now.resolve("db/changelog/changes"));
        Files.writeString(old.resolve(ChangelogFolder.MASTER), master("changes/1.xml"));
        Files.writeString(now.resolve(ChangelogFolder.MASTER), master("changes/1.xml", "changes/2.xml", "changes/3.xml"));
        Files.writeString(now.resolve("db/changelog/changes/2.xml"), changeset("two-a", "two-b"));
        Files.writeString(now.resolve("db/changelog/changes/3.xml"), changeset("three"));
        ChangelogFolder current = new ChangelogFolder(now);
        List<String> added = current.newSince(new ChangelogFolder(old));
        assertEquals(List.of("changes/2.xml", "changes/3.xml"), added);
        assertEquals(List.of("two-a", "two-b"), current.changesetIds("changes/2.xml"));

        ChangelogFolder first = current.without(added.subList(1, 2), dir.resolve("k1"));
        assertEquals(List.of("changes/1.xml", "changes/2.xml"), first.includes());
        assertTrue(Files.readString(first.root.resolve(ChangelogFolder.MASTER)).contains("<property name=\"p\" value=\"v\"/>"));
        assertEquals(Files.readString(now.resolve("db/changelog/changes/3.xml")),
                Files.readString(first.root.resolve("db/changelog/changes/3.xml")), "files are copied; only the master changes");
        assertEquals(List.of("changes/1.xml"), current.without(added, dir.resolve("k0")).includes());
    }

    @Test
    void bisectFindsTheFirstBreakingChangeInLogarithmicallyManyRuns() {
        for (int n = 1; n <= 70; n++) {
            for (int breaking = 1; breaking <= n; breaking++) {
                int first = breaking;
                int changes = n;
                List<Integer> asked = new ArrayList<>();
                int found = Bisect.firstFailing(n, k -> {
                    asked.add(k);
                    return k >= first;
                });
                assertEquals(breaking, found, "n=" + n);
                int bound = 32 - Integer.numberOfLeadingZeros(n - 1);
                assertTrue(asked.size() <= bound, "n=" + n + " asked " + asked);
                assertTrue(asked.stream().allMatch(k -> k >= 1 && k < changes), "all applied and none applied are known: " + asked);
            }
        }
    }
}
