package dev.strata.maven;

import dev.strata.build.HeadDatabase;
import dev.strata.engine.Changelog;
import dev.strata.engine.ExpectedSchema;
import dev.strata.manifest.Manifest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the manifest (every changeset with its id, author, file and checksum, in order) beside the
 * changelogs, so that "is this database at head?" is one read of the tracking table at run time.
 * Parsing is skipped when the changelog files and the plugin are the same as last time.
 */
@Mojo(name = "manifest", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public final class ManifestMojo extends StrataMojo {
    /** The class-path root the changelogs are copied to (the master changelog is below it). */
    @Parameter(property = "strata.changelogRoot", defaultValue = "${project.build.outputDirectory}")
    File changelogRoot;

    /** The master changelog, relative to {@code changelogRoot}. */
    @Parameter(property = "strata.master", defaultValue = Changelog.MASTER)
    String master;

    @Parameter(defaultValue = "${project.build.outputDirectory}/" + Manifest.RESOURCE)
    File manifestFile;

    /** Where the schema at head is built, for this goal and the later ones of the build (see HeadDatabase). */
    @Parameter(defaultValue = "${project.build.directory}/strata-head/head.db")
    File headDatabase;

    @Override
    String goal() {
        return "manifest";
    }

    @Override
    Step step() {
        return () -> {
            Path out = manifestFile.toPath();
            Path changelogDir = changelogRoot.toPath().resolve(master).getParent();
            Path stamp = out.getParent().resolve(Path.of(HeadDatabase.KEY_RESOURCE).getFileName().toString());
            String sources = HeadDatabase.key(toolVersion(), master, changelogDir);
            if (Files.exists(out) && Files.exists(stamp) && Files.readString(stamp).equals(sources)) {
                getLog().debug("Strata manifest: up to date");
                return;
            }
            Changelog changelog = Changelog.directory(changelogRoot.toPath(), master);
            Manifest manifest = changelog.manifest(); // computed once: applying the changelogs below reuses it
            Files.createDirectories(out.getParent());
            Files.writeString(out, manifest.format(), StandardCharsets.UTF_8);
            writeExpectedSchema(new HeadDatabase(changelog, sources, headDatabase.toPath()),
                    out.resolveSibling("schema.sql"));
            Files.writeString(stamp, sources);
            getLog().info("Strata manifest: " + manifest.size() + " changesets");
        };
    }

    /** The schema at head, shipped for drift checks; a changeset that fails is left for `check` to report. */
    private static void writeExpectedSchema(HeadDatabase head, Path out) throws java.io.IOException {
        try (Connection connection = head.target().openExisting()) {
            ExpectedSchema.write(connection, out);
        } catch (dev.strata.engine.SchemaException | SQLException e) {
            Files.deleteIfExists(out); // without it, drift checks rebuild the schema at run time instead
        }
    }
}
