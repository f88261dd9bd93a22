package dev.strata.codegen;

import dev.strata.build.HeadDatabase;
import dev.strata.engine.Changelog;
import dev.strata.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.function.Consumer;

/**
 * The build's code generation step: changelogs → scratch SQLite (through the engine) → jOOQ classes.
 * Skipped, with one log line, when neither the changelogs nor the configuration changed.
 */
public final class Codegen {
    /** In the work folder while a regeneration's stale classes are not yet deleted. */
    static final String PENDING = "stale-classes.pending";

    private Codegen() {
    }

    /** Generates unless up to date, silently; returns whether it generated. */
    public static boolean run(byte[] config, Changelog changelog, Path output, Path work) throws Exception {
        return run(config, changelog, output, work, "", line -> { });
    }

    /** Generates unless up to date; returns whether it generated. */
    public static boolean run(byte[] config, Changelog changelog, Path output, Path work, String toolVersion,
            Consumer<String> log) throws Exception {
        return run(config, changelog, output, work, toolVersion, null, null, log);
    }

    /**
     * As above; {@code classes} (the folder the generated sources compile to, or null) loses the classes the
     * regeneration made stale (see {@link StaleClasses}), so that compiling only stale sources is enough;
     * {@code headKey} (or null) names a database at head an earlier goal of the build may have built.
     */
    public static boolean run(byte[] config, Changelog changelog, Path output, Path work, String toolVersion,
            Path classes, String headKey, Consumer<String> log) throws Exception {
        Manifest manifest = changelog.manifest();
        CodegenInputs inputs = new CodegenInputs(manifest, config, toolVersion, work.resolve("inputs.sha256"), output);
        String shortDigest = inputs.digest().substring(0, 12);
        if (inputs.upToDate()) {
            log.accept("Strata codegen: jOOQ classes are up to date with the changelogs ("
                    + manifest.size() + " changesets, inputs " + shortDigest + "); generation skipped");
            return false;
        }
        long start = System.nanoTime();
        // Present from before generation until the stale classes are gone: a run stopped in between leaves it,
        // and the next run, no longer knowing what was rewritten, takes every generated class as stale.
        Path pending = work.resolve(PENDING);
        boolean interrupted = Files.exists(pending);
        if (classes != null) {
            Files.createDirectories(work);
            Files.writeString(pending, "");
        }
        GeneratedFiles.Update update;
        try (Connection connection = new HeadDatabase(changelog, headKey, work.resolve("scratch.db")).target()
                .openExisting()) {
            update = new JooqGenerator(config).update(connection, output, true, JavaTypes.of(connection));
        }
        if (classes != null) {
            StaleClasses.delete(output.toAbsolutePath(), classes, update, interrupted || !inputs.sameGenerator());
            Files.delete(pending);
        }
        inputs.record();
        log.accept(String.format("Strata codegen: generated jOOQ classes from %d changesets in %d ms (inputs %s)",
                manifest.size(), (System.nanoTime() - start) / 1_000_000, shortDigest));
        return true;
    }
}
