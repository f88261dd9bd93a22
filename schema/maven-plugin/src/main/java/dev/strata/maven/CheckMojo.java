package dev.strata.maven;

import dev.strata.build.HeadDatabase;
import dev.strata.engine.Changelog;
import dev.strata.guard.Guards;
import dev.strata.manifest.Manifest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The changelog guards: integrity lock, destructive-change review, schema snapshot, H2 cross-check.
 * Outside CI it locks new changesets and refreshes {@code structure.sql} itself; with {@code CI=true} it
 * changes nothing and fails on anything not committed.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public final class CheckMojo extends StrataMojo {
    /** Where {@code changelog.lock} and {@code structure.sql} live. */
    @Parameter(property = "strata.schemaDirectory", defaultValue = "${project.basedir}")
    File schemaDirectory;

    @Parameter(property = "strata.changelogRoot", defaultValue = "${project.build.outputDirectory}")
    File changelogRoot;

    @Parameter(property = "strata.master", defaultValue = Changelog.MASTER)
    String master;

    @Parameter(defaultValue = "${project.build.directory}/strata-guards")
    File workDirectory;

    /** The manifest the {@code manifest} goal wrote: read, not recomputed, when it exists. */
    @Parameter(defaultValue = "${project.build.outputDirectory}/" + Manifest.RESOURCE)
    File manifestFile;

    /** Runs the guards even when nothing they read changed (also {@code -Dstrata.refresh}). */
    @Parameter(property = "strata.refresh", defaultValue = "false")
    String refresh;

    /** A CI build changes nothing: defaults to the {@code CI} environment variable most CI services set. */
    @Parameter(property = "strata.ci", defaultValue = "${env.CI}")
    String ci;

    @Override
    String goal() {
        return "check";
    }

    @Override
    Step step() {
        return () -> {
            Guards.Mode mode = "true".equalsIgnoreCase(ci) || "1".equals(ci) ? Guards.Mode.CI : Guards.Mode.LOCAL;
            boolean force = refresh != null && (refresh.isEmpty() || Boolean.parseBoolean(refresh));
            Changelog changelog = Changelog.directory(changelogRoot.toPath(), master);
            if (manifestFile.isFile()) {
                changelog = changelog.withManifest(Manifest.parse(Files.readString(manifestFile.toPath())));
            }
            Path changelogDir = changelogRoot.toPath().resolve(master).getParent();
            HeadDatabase head = new HeadDatabase(changelog, HeadDatabase.key(toolVersion(), master, changelogDir),
                    workDirectory.toPath().resolve("guards-scratch.db"));
            String report = Guards.run(schemaDirectory.toPath(), changelogRoot.toPath(), workDirectory.toPath(),
                    changelog, mode, force, toolVersion(), head);
            if (report == null) {
                getLog().debug("Strata check: up to date");
            } else if (report.contains("commit them")) {
                getLog().warn("Strata: " + report);
            } else {
                getLog().info("Strata check: " + report);
            }
        };
    }
}
