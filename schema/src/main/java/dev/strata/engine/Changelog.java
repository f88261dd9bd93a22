package dev.strata.engine;

import dev.strata.manifest.Manifest;
import dev.strata.manifest.ManifestBuilder;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/** Where the changelogs come from: the classpath (the shipped schema jar) or a folder (tools, benchmarks). */
public final class Changelog {
    public static final String MASTER = "db/changelog/master.xml";

    private final ResourceAccessor resources;
    private final String master;
    private final boolean shipped;
    private volatile Manifest manifest;

    private Changelog(ResourceAccessor resources, String master, boolean shipped) {
        this.resources = resources;
        this.master = master;
        this.shipped = shipped;
    }

    /** The changelogs shipped on the classpath, with the manifest computed at build time. */
    public static Changelog classpath() {
        return new Changelog(new ClassLoaderResourceAccessor(Changelog.class.getClassLoader()), MASTER, true);
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

    public ResourceAccessor resources() {
        return resources;
    }

    public String master() {
        return master;
    }

    public Manifest manifest() {
        Manifest m = manifest;
        if (m == null) {
            m = shipped ? Manifest.load() : ManifestBuilder.build(this);
            manifest = m;
        }
        return m;
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

    /** Parses the changelogs; a parse error names the file and the cause. */
    public DatabaseChangeLog parse() {
        return LiquibaseSession.call(() -> {
            try {
                return ChangeLogParserFactory.getInstance().getParser(master, resources)
                        .parse(master, new ChangeLogParameters(), resources);
            } catch (LiquibaseException e) {
                throw new SchemaException("changelog " + failingFile(e) + " does not parse: " + Target.reason(e)
                        + "; fix the XML and build again");
            }
        });
    }
}
