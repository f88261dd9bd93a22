package dev.strata.cli;

import dev.strata.engine.Changelog;
import dev.strata.engine.SqliteSettings;
import java.io.PrintWriter;

/**
 * The two verbs on every deploy and start-up path, {@code update} and {@code status} with only
 * {@code --db} (and {@code --no-backup}), run without building picocli's model of all ten verbs: that
 * model is built by reflection over classes compiled for Java 5, which the class-data archive cannot
 * hold, and it was a third of an at-head {@code update}. The same verb classes run with the same defaults;
 * any other command line (other options, @-files, env overrides, help) goes to picocli as before.
 */
public final class HotVerbs {
    private HotVerbs() {
    }

    /** The exit code, or null when this command line is not one of the plain forms (picocli runs it). */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !(args[0].equals("update") || args[0].equals("status"))
                || System.getenv("STRATA_SEARCH_PATH") != null || System.getenv("STRATA_CHANGELOG_FILE") != null) {
            return null;
        }
        boolean update = args[0].equals("update");
        String db = null;
        boolean noBackup = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--db") && db == null && i + 1 < args.length && plain(args[i + 1])) {
                db = args[++i];
            } else if (arg.startsWith("--db=") && db == null && plain(arg.substring("--db=".length()))) {
                db = arg.substring("--db=".length());
            } else if (update && arg.equals("--no-backup") && !noBackup) {
                noBackup = true;
            } else {
                return null;
            }
        }
        // picocli's defaults for the options not given (see the @Option declarations on Migrate).
        Migrate migrate = new Migrate();
        migrate.db = db;
        migrate.lockTimeoutSeconds = SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS / 1000;
        migrate.changelogFile = Changelog.MASTER;
        migrate.directOut = out;
        migrate.directErr = err;
        try {
            if (update) {
                Migrate.Update verb = new Migrate.Update();
                verb.migrate = migrate;
                verb.noBackup = noBackup;
                return verb.call();
            }
            Migrate.Status verb = new Migrate.Status();
            verb.migrate = migrate;
            return verb.call();
        } catch (Exception e) {
            return Migrate.failed(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A value picocli takes as given: not empty, not option-like, not an @-file (the web role's fast path too). */
    public static boolean plain(String value) {
        return !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }
}
