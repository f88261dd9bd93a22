package dev.strata.guard;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.LiquibaseSession;
import dev.strata.engine.Target;
import dev.strata.manifest.Fingerprint;
import dev.strata.manifest.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The changelog guards the build runs after writing the manifest: the integrity lock, the
 * destructive-change review, the schema snapshot and the second-engine check. All four report together;
 * with {@code -Dstrata.refresh} new changesets are locked and the snapshot is rewritten instead.
 * Skipped when nothing they read has changed.
 *
 * <p>Usage: {@code Guards <schema module dir> <changelog root> <work dir>}
 */
public final class Guards {
    public static final String REFRESH_COMMAND = "mvn -q -pl schema compile -Dstrata.refresh";
    static final String LOCK = "changelog.lock";
    static final String SNAPSHOT = "structure.sql";

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        org.jooq.tools.JooqLogger.globalThreshold(org.jooq.Log.Level.WARN);
    }

    private Guards() {
    }

    public static void main(String[] args) throws Exception {
        boolean refresh = Boolean.parseBoolean(System.getProperty("strata.refresh", "false"))
                || "".equals(System.getProperty("strata.refresh"));
        try {
            String report = run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Changelog.classpath(), refresh);
            if (report != null) {
                System.out.println("[INFO] Strata guards: " + report);
            }
        } catch (GuardException e) {
            throw new IllegalStateException("changelog guards failed:" + e.report() + "\n");
        } catch (dev.strata.engine.SchemaException e) {
            // One line for the build log, without Liquibase's nested exceptions.
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** Runs the guards; returns a one-line report, or null when skipped as up to date. */
    public static String run(Path moduleDir, Path changelogRoot, Path work, Changelog changelog, boolean refresh)
            throws Exception {
        Manifest manifest = changelog.manifest();
        Path lockFile = moduleDir.resolve(LOCK);
        Path snapshotFile = moduleDir.resolve(SNAPSHOT);
        Path stamp = work.resolve("guards.sha256");
        Path changelogDir = changelogRoot.resolve(changelog.master()).getParent();
        String inputs = Fingerprint.of(manifest.format(), read(lockFile), read(snapshotFile), Fingerprint.ofFolder(changelogDir));
        if (!refresh && Files.exists(stamp) && Files.readString(stamp).equals(inputs)) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        ChangelogLock lock = new ChangelogLock(lockFile);
        problems.addAll(lock.check(manifest, refresh));
        problems.addAll(DestructiveChanges.unreviewed(changelog.parse()));

        Files.createDirectories(work);
        Path scratch = work.resolve("guards-scratch.db");
        Files.deleteIfExists(scratch);
        Target target = Target.sqlite(scratch);
        Engine.on(target).changelog(changelog).withBackups(false).update();
        String snapshot;
        try (Connection connection = target.openExisting()) {
            snapshot = SchemaSnapshot.render(connection);
            Map<String, List<String>> h2 = LiquibaseSession.call(() ->
                    SecondEngineCheck.describe(SecondEngineCheck.h2(changelogRoot, changelog.master())));
            problems.addAll(SecondEngineCheck.differences(
                    SecondEngineCheck.describe(SecondEngineCheck.sqlite(connection)), h2)
                    .stream().map(d -> "second engine (H2 replay) disagrees with SQLite: " + d
                            + " — the changelog relies on SQLite-only behaviour").toList());
        }
        String diff = SchemaSnapshot.diff(snapshotFile, snapshot);
        if (diff != null && !refresh) {
            problems.add(SNAPSHOT + " is stale; the changelogs now produce:\n" + diff + "\nrun `" + REFRESH_COMMAND
                    + "` and commit " + moduleDir.getFileName() + "/" + SNAPSHOT + " with the changelog");
        }
        if (!problems.isEmpty()) {
            throw new GuardException(problems);
        }
        String report;
        if (refresh) {
            int locked = lock.append(manifest);
            Files.writeString(snapshotFile, snapshot, StandardCharsets.UTF_8);
            report = "locked " + locked + " new changeset(s) in " + LOCK + "; " + SNAPSHOT + " "
                    + (diff == null ? "unchanged" : "refreshed");
            inputs = Fingerprint.of(manifest.format(), read(lockFile), read(snapshotFile), Fingerprint.ofFolder(changelogDir));
        } else {
            report = "lock, destructive-change review, schema snapshot and H2 cross-check passed ("
                    + manifest.size() + " changesets)";
        }
        Files.writeString(stamp, inputs);
        return report;
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
