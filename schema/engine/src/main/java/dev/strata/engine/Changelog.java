package dev.strata.engine;

import dev.strata.manifest.Manifest;
import java.io.FileNotFoundException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/** Where the changelogs come from: the classpath (the shipped schema jar) or a folder (tools, benchmarks). */
public final class Changelog {
    public static final String MASTER = "db/changelog/master.xml";

    private final ResourceAccessor resources;
    private final String master;
    private final boolean shipped;
    private final ClassLoader classLoader;
    private volatile Manifest manifest;
    // Checksums of other databases differ where the changelogs say dbms=: computed per database, once.
    private final Map<String, Manifest> otherDatabases = new ConcurrentHashMap<>();

    private Changelog(ResourceAccessor resources, String master, boolean shipped) {
        this(resources, master, shipped, null);
    }

    private Changelog(ResourceAccessor resources, String master, boolean shipped, ClassLoader classLoader) {
        this.resources = resources;
        this.master = master;
        this.shipped = shipped;
        this.classLoader = classLoader;
    }

    /**
     * These changelogs with folders and jars added to the class path, as Liquibase's {@code --classpath}:
     * custom change classes load from them and files resolve against them too.
     */
    public Changelog withClasspath(List<Path> entries) {
        if (entries == null || entries.isEmpty()) {
            return this;
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new SchemaException("--classpath entry " + entry + " does not exist; give folders or jars"
                        + " that hold the custom change classes");
            }
            try {
                urls.add(entry.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new SchemaException("--classpath entry " + entry + " is not a usable path: " + e.getMessage());
            }
        }
        ClassLoader parent = classLoader != null ? classLoader : Changelog.class.getClassLoader();
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), parent);
        ResourceAccessor withEntries = new CompositeResourceAccessor(resources, new ClassLoaderResourceAccessor(loader));
        return new Changelog(withEntries, master, false, loader);
    }

    /** Liquibase scope attributes for work on these changelogs: where files and custom classes come from. */
    public Map<String, Object> scope() {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        if (classLoader != null) {
            scope.put(Scope.Attr.classLoader.name(), classLoader);
        }
        return scope;
    }

    /** The changelogs shipped on the classpath, with the manifest computed at build time. */
    public static Changelog classpath() {
        return new Changelog(new ClassLoaderResourceAccessor(Changelog.class.getClassLoader()), MASTER, true);
    }

    /** Built changelogs on another class path (a build's dependencies), with the manifest built beside them. */
    public static Changelog shipped(ClassLoader loader) {
        return new Changelog(new ClassLoaderResourceAccessor(loader), MASTER, true, loader);
    }

    /** Changelogs inside a jar (or any class path), other than the shipped ones; the manifest is computed from them. */
    public static Changelog classpath(ClassLoader loader, String master) {
        return new Changelog(new ClassLoaderResourceAccessor(loader), master, false, loader);
    }

    /** Changelogs in a folder; the manifest is computed on first use by parsing them. */
    public static Changelog directory(Path root, String master) {
        try {
            return new Changelog(new DirectoryResourceAccessor(root.toFile()), master, false);
        } catch (FileNotFoundException e) {
            throw new SchemaException("changelog folder " + root + " does not exist");
        }
    }

    /** The classpath changelogs, but with the manifest computed from them rather than read from the jar. */
    public static Changelog classpathUnbuilt() {
        return new Changelog(new ClassLoaderResourceAccessor(Changelog.class.getClassLoader()), MASTER, false);
    }

    /** Whether these are the changelogs shipped in the jar, with the manifest and schema computed at build time. */
    boolean shipped() {
        return shipped;
    }

    /** These changelogs with their manifest already computed (the build writes it once, its later steps read it). */
    public Changelog withManifest(Manifest computed) {
        Changelog copy = new Changelog(resources, master, shipped, classLoader);
        copy.manifest = computed;
        return copy;
    }

    public ResourceAccessor resources() {
        return resources;
    }

    public String master() {
        return master;
    }

    /** The manifest with SQLite's checksums: shipped in the jar, or computed from the changelogs. */
    public Manifest manifest() {
        Manifest m = manifest;
        if (m == null) {
            m = shipped ? Manifest.load(classLoader != null ? classLoader : Changelog.class.getClassLoader())
                    : ManifestBuilder.build(this);
            manifest = m;
        }
        return m;
    }

    /** The manifest with checksums as Liquibase computes them for the database behind {@code connection}. */
    public Manifest manifest(Connection connection) {
        if (ForeignKeyCheck.isSqlite(connection)) {
            return manifest();
        }
        try {
            return computeRolledBack(connection);
        } catch (SchemaException e) {
            // Another migrator committed the tracking table while this one was creating it (to be rolled back)
            // for the checksums: PostgreSQL then reports a duplicate type. Computing again now finds the table.
            if (!trackingTableExists(connection)) {
                throw e;
            }
            return computeRolledBack(connection);
        }
    }

    private Manifest computeRolledBack(Connection connection) {
        // Rolled back: on PostgreSQL, Liquibase creates its tracking table while it computes checksums.
        return DeferredTransaction.rolledBack(connection, deferred -> LiquibaseSession.call(scope(), () -> {
            Database database = LiquibaseSession.database(deferred);
            return otherDatabases.computeIfAbsent(database.getShortName(), name -> ManifestBuilder.build(this, database));
        }));
    }

    private static boolean trackingTableExists(Connection connection) {
        try {
            return TrackingTable.exists(connection);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern CHANGELOG_FILE =
            java.util.regex.Pattern.compile("([\\w./-]+\\.(?:xml|yaml|yml|json|sql))");

    /** The innermost file a parse error names (an included file rather than the master). */
    private String failingFile(Throwable e) {
        String file = master;
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = CHANGELOG_FILE.matcher(String.valueOf(t.getMessage()));
            while (m.find()) {
                file = m.group(1);
            }
        }
        return file;
    }

    /** Parses the changelogs without a database (properties with dbms= are left unresolved). */
    public DatabaseChangeLog parse() {
        return parse(null);
    }

    /**
     * Parses the changelogs as Liquibase does for {@code database}: its dbms-specific properties apply.
     * A parse error names the file and the cause.
     */
    public DatabaseChangeLog parse(Database database) {
        return LiquibaseSession.call(scope(), () -> {
            try {
                return ChangeLogParserFactory.getInstance().getParser(master, resources)
                        .parse(master, new ChangeLogParameters(database), resources);
            } catch (LiquibaseException e) {
                String missing = missingClass(e);
                if (missing != null) {
                    String file = failingFile(e);
                    throw new SchemaException("changelog " + (file.equals(master) ? master + " (or a file it includes)"
                            : file) + " uses custom change class " + missing
                            + ", which is not on the class path; pass --classpath with the folder or jar that holds it");
                }
                throw new SchemaException("changelog " + failingFile(e) + " does not parse: " + Target.reason(e)
                        + "; fix the file and try again");
            }
        });
    }

    /** The class a customChange names when loading it failed, else null. */
    private static String missingClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
                return t.getMessage() == null ? "(unnamed)" : t.getMessage().replace('/', '.');
            }
        }
        return null;
    }
}
