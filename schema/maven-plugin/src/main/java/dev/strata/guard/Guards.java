package dev.strata.guard;

import dev.strata.build.HeadDatabase;
import dev.strata.engine.Changelog;
import dev.strata.engine.LiquibaseSession;
import dev.strata.manifest.Changeset;
import dev.strata.manifest.Fingerprint;
import dev.strata.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

/**
 * The changelog guards the build runs after writing the manifest: the integrity lock, the
 * destructive-change review, the schema snapshot and the second-engine check, reported together.
 *
 * <p>Changesets the last commit's lock holds are released and immutable. Outside CI, the build locks new
 * changesets (again, while they are edited before their first commit) and rewrites the snapshot, saying so
 * in one line; in CI ({@link Mode#CI}) it changes nothing and fails on anything not committed.
 * Skipped when nothing it reads has changed.
 */
public final class Guards {
    static final String LOCK = "changelog.lock";
    static final String SNAPSHOT = "structure.sql";

    /** What the build may do to the lock and the snapshot. */
    public enum Mode {
        /** A developer's build: lock new changesets, refresh the snapshot. */
        LOCAL,
        /** A CI build: change nothing, fail on a lock or snapshot that is stale or not committed. */
        CI
    }

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        org.jooq.tools.JooqLogger.globalThreshold(org.jooq.Log.Level.WARN);
    }

    private Guards() {
    }

    /**
     * Runs the guards; returns a one-line report, or null when skipped as up to date. {@code force} runs them
     * even when up to date; {@code toolVersion} takes part in the up-to-date check.
     */
    public static String run(Path moduleDir, Path changelogRoot, Path work, Changelog changelog, Mode mode,
            boolean force, String toolVersion) throws Exception {
        return run(moduleDir, changelogRoot, work, changelog, mode, force, toolVersion,
                new HeadDatabase(changelog, null, work.resolve("guards-scratch.db")));
    }

    /** As above, reading the schema at head from {@code head} (which an earlier goal may have built). */
    public static String run(Path moduleDir, Path changelogRoot, Path work, Changelog changelog, Mode mode,
            boolean force, String toolVersion, HeadDatabase head) throws Exception {
        Manifest manifest = changelog.manifest();
        ChangelogLock lock = new ChangelogLock(moduleDir.resolve(LOCK));
        Path snapshotFile = moduleDir.resolve(SNAPSHOT);
        Path stamp = work.resolve("guards.sha256");
        Path changelogDir = changelogRoot.resolve(changelog.master()).getParent();
        String inputs = inputs(toolVersion, manifest, lock.file(), snapshotFile, changelogDir);
        // CI always checks: whether the files are committed is not something the stamp can see.
        if (!force && mode == Mode.LOCAL && Files.exists(stamp) && Files.readString(stamp).equals(inputs)) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        lock.read(); // a merge conflict left in the working lock is named, never rewritten away
        List<ChangelogLock.Entry> released = lock.committed();
        problems.addAll(ChangelogLock.released(released, manifest));
        List<Changeset> fresh = released.size() <= manifest.size()
                ? manifest.changesets().subList(released.size(), manifest.size()) : List.of();
        DatabaseChangeLog parsed = changelog.parse();
        problems.addAll(empty(parsed, fresh));
        problems.addAll(DestructiveChanges.unreviewed(parsed));

        // With a released changeset gone there is nothing new to lock: the problem above says what to restore.
        String lockText = released.size() <= manifest.size() ? ChangelogLock.text(released, manifest)
                : read(lock.file());
        if (mode == Mode.CI) {
            problems.addAll(uncommitted(lock.file(), lockText, fresh));
        }
        Files.createDirectories(work);
        String snapshot;
        try (Connection connection = head.target().openExisting()) {
            snapshot = SchemaSnapshot.render(connection);
            Map<String, List<String>> h2 = LiquibaseSession.call(() ->
                    SecondEngineCheck.describe(SecondEngineCheck.h2(changelogRoot, changelog.master())));
            problems.addAll(SecondEngineCheck.differences(
                    SecondEngineCheck.describe(SecondEngineCheck.sqlite(connection)), h2)
                    .stream().map(d -> "second engine (H2 replay) disagrees with SQLite: " + d
                            + " — the changelog relies on SQLite-only behaviour").toList());
        }
        String diff = SchemaSnapshot.diff(snapshotFile, snapshot);
        if (mode == Mode.CI) {
            if (diff != null) {
                problems.add(SNAPSHOT + " is stale; the changelogs now produce:\n" + diff + "\nbuild without CI=true"
                        + " (it rewrites the file) and commit " + SNAPSHOT + " with the changelog");
            } else {
                problems.addAll(notCommitted(snapshotFile));
            }
        }
        if (!problems.isEmpty()) {
            throw new GuardException(problems);
        }
        String report;
        if (mode == Mode.CI) {
            return "lock, destructive-change review, schema snapshot and H2 cross-check passed ("
                    + manifest.size() + " changesets)";
        }
        boolean lockChanged = !lockText.equals(read(lock.file()));
        if (mode == Mode.LOCAL && (lockChanged || diff != null)) {
            if (lockChanged) {
                Files.writeString(lock.file(), lockText, StandardCharsets.UTF_8);
            }
            if (diff != null) {
                Files.writeString(snapshotFile, snapshot, StandardCharsets.UTF_8);
            }
            List<String> did = new ArrayList<>();
            if (lockChanged) {
                did.add(fresh.isEmpty() ? "rewrote " + LOCK + " to the released changesets"
                        : "locked " + fresh.size() + " new changeset(s) (" + String.join(", ",
                                fresh.stream().map(Changeset::id).toList()) + ") in " + LOCK);
            }
            if (diff != null) {
                did.add("refreshed " + SNAPSHOT);
            }
            report = String.join(" and ", did) + "; commit them with your changelog";
            inputs = inputs(toolVersion, manifest, lock.file(), snapshotFile, changelogDir);
        } else {
            report = "lock, destructive-change review, schema snapshot and H2 cross-check passed ("
                    + manifest.size() + " changesets)";
        }
        Files.writeString(stamp, inputs);
        return report;
    }

    private static String inputs(String toolVersion, Manifest manifest, Path lock, Path snapshot,
            Path changelogDir) throws IOException {
        return Fingerprint.of(toolVersion, manifest.format(), read(lock), read(snapshot),
                Fingerprint.ofFolder(changelogDir));
    }

    /** A new changeset with no change in it would be locked empty, and its real content refused as an edit. */
    private static List<String> empty(DatabaseChangeLog parsed, List<Changeset> fresh) {
        Set<String> keys = new HashSet<>();
        fresh.forEach(c -> keys.add(c.key()));
        List<String> problems = new ArrayList<>();
        for (ChangeSet cs : parsed.getChangeSets()) {
            if (keys.contains(Changeset.key(cs.getStoredFilePath(), cs.getId(), cs.getAuthor()))
                    && cs.getChanges().isEmpty()) {
                problems.add("changeset " + cs.getId() + " in " + cs.getStoredFilePath() + " is empty: write its"
                        + " changes before building (an empty changeset is never locked)");
            }
        }
        return problems;
    }

    /** In CI: the lock must already hold every changeset, exactly as the last commit has it. */
    private static List<String> uncommitted(Path lockFile, String lockText, List<Changeset> fresh) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!fresh.isEmpty() && !lockText.equals(read(lockFile))) {
            problems.add(fresh.size() + " changeset(s) not in the committed " + LOCK + ": " + String.join(", ",
                    fresh.stream().map(Changeset::id).toList()) + "; build without CI=true (it locks them) and commit"
                    + " " + LOCK + " with the changelog");
        } else {
            problems.addAll(notCommitted(lockFile));
        }
        return problems;
    }

    private static List<String> notCommitted(Path file) throws IOException {
        Optional<String> committed = CommittedFile.atHead(file);
        if (committed.isPresent() && !committed.get().equals(read(file))) {
            return List.of(file.getFileName() + " has changes that are not committed; commit it with the changelog"
                    + " (a CI build changes nothing)");
        }
        return List.of();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
