package dev.strata.build;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.manifest.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The changelogs applied to a scratch SQLite file: the schema at head that the manifest, check and generate
 * goals all read. One build applies the changelogs once: the first goal that needs the database builds it and
 * registers it under its sources key (the changelog files and the plugin, see {@link #key}); a later goal with
 * the same key reads that file (read-only) instead of applying the changelogs again.
 */
public final class HeadDatabase {
    /** Beside the manifest in the changelogs jar: the key of the changelogs it was computed from. */
    public static final String KEY_RESOURCE = "META-INF/strata/manifest.sources.sha256";

    // Per plugin class loader, which Maven shares among the modules of one build.
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private final Changelog changelog;
    private final String key;
    private final Path file;

    /** {@code key} null: never shared; {@code file}: where to build it when no goal has yet. */
    public HeadDatabase(Changelog changelog, String key, Path file) {
        this.changelog = changelog;
        this.key = key;
        this.file = file;
    }

    /** The sources key: the plugin, the master changelog's name and every file in the changelog folder. */
    public static String key(String toolVersion, String master, Path changelogDir) throws IOException {
        return Fingerprint.of(toolVersion, master, Fingerprint.ofFolder(changelogDir));
    }

    /** The database at head, applying the changelogs unless a goal of this build already did for the same key. */
    public Target target() throws IOException {
        Path known = key == null ? null : BUILT.get(key);
        if (known != null && Files.isRegularFile(known)) {
            return Target.sqlite(known);
        }
        Path absolute = file.toAbsolutePath();
        BUILT.values().removeIf(absolute::equals); // about to be overwritten: no key may point at it any more
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(absolute);
        Target target = Target.sqlite(absolute);
        Engine.on(target).changelog(changelog).withBackups(false).update();
        if (key != null) {
            BUILT.put(key, absolute);
        }
        return target;
    }
}
