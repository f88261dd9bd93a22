package dev.strata.codegen;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import dev.strata.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The build's code generation step: changelogs → scratch SQLite (through the engine) → jOOQ classes.
 * Skipped, with one log line, when neither the changelogs nor the configuration changed.
 *
 * <p>Usage: {@code Codegen <codegen.xml> <output dir> <work dir>}
 */
public final class Codegen {
    private Codegen() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Codegen <codegen.xml> <output dir> <work dir>");
        }
        Path configFile = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path work = Path.of(args[2]);
        try {
            run(Files.readAllBytes(configFile), Changelog.classpath(), output, work);
        } catch (SchemaException e) {
            // One line for the build log; Maven adds the module and goal around it.
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** Generates unless up to date; returns whether it generated. */
    public static boolean run(byte[] config, Changelog changelog, Path output, Path work) throws Exception {
        Manifest manifest = changelog.manifest();
        CodegenInputs inputs = new CodegenInputs(manifest, config, work.resolve("inputs.sha256"), output);
        String shortDigest = inputs.digest().substring(0, 12);
        if (inputs.upToDate()) {
            System.out.println("[INFO] Strata codegen: jOOQ classes are up to date with the changelogs ("
                    + manifest.size() + " changesets, inputs " + shortDigest + "); generation skipped");
            return false;
        }
        long start = System.nanoTime();
        Path scratch = work.resolve("scratch.db");
        Files.createDirectories(work);
        Files.deleteIfExists(scratch);
        Target target = Target.sqlite(scratch);
        Engine.on(target).changelog(changelog).withBackups(false).update();
        try (Connection connection = target.openExisting()) {
            new JooqGenerator(config).generate(connection, output, true, JavaTypes.of(connection));
        }
        inputs.record();
        System.out.printf("[INFO] Strata codegen: generated jOOQ classes from %d changesets in %d ms (inputs %s)%n",
                manifest.size(), (System.nanoTime() - start) / 1_000_000, shortDigest);
        return true;
    }
}
