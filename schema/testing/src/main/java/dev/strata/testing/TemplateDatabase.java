package dev.strata.testing;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.SqliteSettings;
import dev.strata.engine.Target;
import dev.strata.manifest.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SQLite file migrated to head once, by the production engine, and copied for every test.
 *
 * <p>Cached on disk as {@code <dir>/<manifest digest>.db}: a changelog change gives a new name, so a
 * stale template is never opened. A template is built under a temporary name and renamed into place
 * only when complete, so a killed build leaves nothing that is reused; a cached file is also checked
 * against the manifest before use.
 */
public final class TemplateDatabase {
    /** Where templates are cached; surefire runs in the module folder, so this lands in its target/. */
    public static final String DIR_PROPERTY = "strata.template.dir";
    private static final String DEFAULT_DIR = "target/strata-template";
    private static final Map<String, TemplateDatabase> PER_JVM = new ConcurrentHashMap<>();
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private final Path file;

    private TemplateDatabase(Path file) {
        this.file = file;
    }

    /** The template for the changelogs shipped on the classpath (or {@link TemplateChangelog}), built at most once per JVM. */
    public static TemplateDatabase shipped() {
        return of(TemplateChangelog.current(), Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)));
    }

    /** The template for {@code changelog}, cached under {@code dir}. */
    public static TemplateDatabase of(Changelog changelog, Path dir) {
        Manifest manifest = changelog.manifest();
        String key = dir.toAbsolutePath().normalize() + "/" + manifest.digest();
        return PER_JVM.computeIfAbsent(key, k -> new TemplateDatabase(resolve(changelog, manifest, dir)));
    }

    /** How many times this JVM has run Liquibase to build a template (tests of the cache read this). */
    public static int builds() {
        return BUILDS.get();
    }

    /** Forgets the templates known to this JVM, as a new test JVM would (the disk cache stays). */
    static void forgetInMemory() {
        PER_JVM.clear();
    }

    public Path file() {
        return file;
    }

    /** A fresh copy of the template at {@code destination}, ready to open. */
    public Path copyTo(Path destination) {
        try {
            return Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the template database to " + destination, e);
        }
    }

    /** Where per-test copies go: {@code strata.test.dir}, else RAM-backed /dev/shm when present, else the temp dir. */
    public static Path scratchRoot() {
        String configured = System.getProperty("strata.test.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        // Copies are thrown away after each test; on tmpfs a copy costs about two thirds of one on disk.
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A data source on a copy: foreign keys on, a busy timeout, no DriverManager lookup per connection. */
    public static javax.sql.DataSource dataSource(Path copy) {
        return SqliteSettings.dataSource("jdbc:sqlite:" + copy, SqliteSettings.engine(SqliteSettings.SERVICE_BUSY_TIMEOUT_MILLIS, false));
    }

    private static Path resolve(Changelog changelog, Manifest manifest, Path dir) {
        Path cached = dir.resolve(manifest.digest().substring(0, 32) + ".db");
        if (Files.isRegularFile(cached) && atHead(cached, changelog)) {
            return cached;
        }
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "building-", ".db.partial");
            Files.delete(partial);
            Engine.on(Target.sqlite(partial)).changelog(changelog).withBackups(false).update();
            BUILDS.incrementAndGet();
            try {
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING);
            }
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the template database in " + dir, e);
        }
    }

    private static boolean atHead(Path candidate, Changelog changelog) {
        try (Connection ignored = Target.sqlite(candidate).openExisting()) {
            return Engine.on(Target.sqlite(candidate)).changelog(changelog).status().atHead();
        } catch (RuntimeException | java.sql.SQLException e) {
            return false;
        }
    }
}
