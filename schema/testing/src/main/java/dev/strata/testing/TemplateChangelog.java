package dev.strata.testing;

import dev.strata.engine.Changelog;
import java.nio.file.Path;

/**
 * The changelogs every test database is built from: the ones shipped on the class path, or the folder
 * named by {@code -Dstrata.template.changelog} (the one that holds {@code db/changelog/master.xml}). The
 * deploy-window check sets it to run a previous release's tests on the current schema.
 */
public final class TemplateChangelog {
    public static final String PROPERTY = "strata.template.changelog";

    private TemplateChangelog() {
    }

    public static Changelog current() {
        String folder = System.getProperty(PROPERTY, "");
        return folder.isBlank() ? Changelog.classpath() : Changelog.directory(Path.of(folder), Changelog.MASTER);
    }

    /** True when the tests run on changelogs other than their own release's. */
    public static boolean overridden() {
        return !System.getProperty(PROPERTY, "").isBlank();
    }
}
