package dev.strata.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * SQLite's native library, extracted once instead of on every start. The driver copies it out of the jar
 * into a new temporary file each time it loads (about 50 ms); a launcher that names an extracted copy
 * ({@code -Dorg.sqlite.lib.path}, as the image does) skips that, and otherwise the copy is kept in a stable
 * per-user cache folder named after the library's checksum. Any problem leaves the driver to extract as before.
 */
public final class SqliteLibrary {
    static final String PATH = "org.sqlite.lib.path";
    static final String NAME = "org.sqlite.lib.name";

    private static final java.util.concurrent.atomic.AtomicBoolean PRELOADED = new java.util.concurrent.atomic.AtomicBoolean();

    private SqliteLibrary() {
    }

    /**
     * Points the driver at a kept copy of its library and loads it on a background thread, so that it
     * overlaps with command-line parsing. Call first thing in a process's main method.
     */
    public static void preload() {
        if (PRELOADED.getAndSet(true)) {
            return;
        }
        useKeptCopy();
        Thread loader = new Thread(() -> {
            try {
                org.sqlite.SQLiteJDBCLoader.initialize();
            } catch (Exception | LinkageError e) {
                // the first connection loads it again and reports the failure where it matters
            }
        }, "sqlite-library");
        loader.setDaemon(true);
        loader.start();
    }

    /** Sets {@code org.sqlite.lib.path} and {@code .name} to a kept copy, unless a launcher already did. */
    static void useKeptCopy() {
        if (System.getProperty(PATH) != null) {
            return;
        }
        try {
            String name = System.mapLibraryName("sqlitejdbc").replace(".jnilib", ".dylib");
            URL resource = SqliteLibrary.class.getResource("/org/sqlite/native/"
                    + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name);
            if (resource == null) {
                return;
            }
            Path dir = keptCopyFolder(resource);
            Path library = dir.resolve(name);
            long size = resource.openConnection().getContentLengthLong();
            if (!Files.isRegularFile(library) || Files.size(library) != size) {
                Files.createDirectories(dir);
                // Written beside and renamed into place: a concurrent start never loads a half-written file.
                Path partial = Files.createTempFile(dir, name, ".partial");
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            System.setProperty(PATH, dir.toString());
            System.setProperty(NAME, name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // unwritable home, unusual platform: the driver extracts to the temporary folder as it always did
        }
    }

    /** $strata.native.dir, else ~/.cache/strata/sqlite-<checksum>/ (or under $XDG_CACHE_HOME). */
    private static Path keptCopyFolder(URL resource) throws IOException {
        String configured = System.getProperty("strata.native.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        URLConnection connection = resource.openConnection();
        String version = connection instanceof JarURLConnection jar && jar.getJarEntry() != null
                ? Long.toHexString(jar.getJarEntry().getCrc()) : Long.toHexString(connection.getContentLengthLong());
        return cache.resolve("strata").resolve("sqlite-" + version);
    }
}
