package dev.strata.cli;

import dev.strata.engine.AppliedChangeset;
import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaState;
import dev.strata.engine.SqliteLibrary;
import dev.strata.engine.SqliteSettings;
import dev.strata.engine.Target;
import dev.strata.manifest.Changeset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code migrate} command: Liquibase's verbs over the one engine. Exit 0 on success, 1 on a failed
 * operation or bad input, 2 on wrong usage; {@code status} exits 3 when changesets are pending and 4
 * when the database has changesets this release does not know; {@code diff} exits 3 on drift (see {@link SchemaDiff}).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Migrate.Version.class,
        description = "Applies the Liquibase changelogs shipped in this build to a database.",
        subcommands = {Migrate.Update.class, Migrate.Status.class, Migrate.History.class, Migrate.Rollback.class,
                Migrate.UpdateSql.class, Migrate.ChangelogSync.class, Migrate.Tag.class, Migrate.ReleaseLocks.class,
                SchemaDiff.class, NewChangelog.class,
                CommandLine.HelpCommand.class})
public final class Migrate implements Callable<Integer> {
    static final int PENDING = 3;
    static final int UNKNOWN = 4;

    @CommandLine.Option(names = "--db", scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATH|URL",
            description = "SQLite file or jdbc: URL (default: $STRATA_DB, else data/strata.db)")
    String db;

    @CommandLine.Option(names = "--lock-timeout", scope = CommandLine.ScopeType.INHERIT, paramLabel = "SECONDS",
            defaultValue = "" + SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS / 1000,
            description = "How long to wait for another writer to finish (default ${DEFAULT-VALUE})")
    int lockTimeoutSeconds;

    @CommandLine.Option(names = "--search-path", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:STRATA_SEARCH_PATH}",
            description = "Read changelogs from this folder instead of the ones shipped in the jar"
                    + " (default: $STRATA_SEARCH_PATH)")
    Path searchPath;

    @CommandLine.Option(names = "--changelog-file", scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATH",
            defaultValue = "${env:STRATA_CHANGELOG_FILE:-" + Changelog.MASTER + "}",
            description = "Master changelog, relative to the search path (default: $STRATA_CHANGELOG_FILE,"
                    + " else ${DEFAULT-VALUE})")
    String changelogFile;

    @CommandLine.Option(names = "--classpath", scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATHS",
            split = "[:;]", description = "Folders and jars holding custom change classes (separated by : or ;)")
    List<Path> classpath;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Where output goes when HotVerbs runs a verb without picocli (spec is null then).
    PrintWriter directOut;
    PrintWriter directErr;

    public static void main(String[] args) {
        SqliteLibrary.preload();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Integer hot = HotVerbs.run(args, out, err);
        return hot != null ? hot : picocli(args, out, err);
    }

    /** Every command line through picocli (HotVerbsTest compares the two ways). */
    static int picocli(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Migrate());
        line.setOut(out);
        line.setErr(err);
        return CommandErrors.install(line, false).execute(args);
    }

    /** A verb that failed: one line on stderr, exit 1. */
    static int failed(Exception e, PrintWriter err) {
        return CommandErrors.failed("migrate", e, err);
    }

    /**
     * The deploy and start-up forms ({@code update}/{@code status} with only {@code --db}) without picocli, for
     * launchers that dispatch to migrate themselves; null when {@code args} is any other command line.
     */
    public static Integer hot(String[] args, PrintWriter out, PrintWriter err) {
        return HotVerbs.run(args, out, err);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    Engine engine() {
        if (lockTimeoutSeconds < 0 || lockTimeoutSeconds > Integer.MAX_VALUE / 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lock-timeout must be between 0 and "
                    + Integer.MAX_VALUE / 1000 + " seconds; got " + lockTimeoutSeconds);
        }
        if (searchPath == null && !Changelog.MASTER.equals(changelogFile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--changelog-file " + changelogFile + " needs"
                    + " --search-path DIR (or $STRATA_SEARCH_PATH); the changelogs shipped in the jar are always "
                    + Changelog.MASTER);
        }
        PrintWriter out = out();
        Engine engine = Engine.on(Target.resolve(db).withBusyTimeout(lockTimeoutSeconds * 1000))
                .reportingTo(out::println);
        Changelog changelog = searchPath == null ? Changelog.classpath() : Changelog.directory(searchPath, changelogFile);
        return engine.changelog(changelog.withClasspath(classpath));
    }

    PrintWriter out() {
        return spec == null ? directOut : spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec == null ? directErr : spec.commandLine().getErr();
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Apply every pending changeset, all in one transaction.")
    static final class Update implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @CommandLine.Option(names = "--no-backup", description = "Do not snapshot the SQLite file first.")
        boolean noBackup;

        @CommandLine.Option(names = "--allow-drift",
                description = "Apply even though the schema differs from what its applied changesets produce.")
        boolean allowDrift;

        @Override
        public Integer call() {
            Engine engine = migrate.engine().withBackups(!noBackup).allowingDrift(allowDrift);
            long start = System.nanoTime();
            List<String> applied = engine.update();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (applied.isEmpty()) {
                migrate.out().println("Database " + engine.target() + " is up to date; nothing to apply.");
            } else {
                migrate.out().printf("Applied %d changeset(s) to %s in %d ms.%n", applied.size(), engine.target(),
                        millis);
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the state and pending changesets. Exit 0 at head, 3 pending, 4 unknown changesets.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @Override
        public Integer call() {
            Engine engine = migrate.engine();
            SchemaState state = engine.status();
            PrintWriter out = migrate.out();
            out.println("Database: " + engine.target());
            out.printf("Applied:  %d changeset(s)%n", state.applied().size());
            if (state.editedMessage() != null) {
                out.println("Edited:   " + state.editedMessage());
            }
            if (state.floorMessage() != null) {
                migrate.err().println("migrate: " + state.floorMessage());
                return 1;
            }
            switch (state.verdict()) {
                case AT_HEAD -> out.println("State:    at head");
                case PENDING -> {
                    out.printf("State:    %d changeset(s) pending%n", state.pending().size());
                    for (Changeset c : state.pending()) {
                        out.println("  pending " + c.id() + "  " + c.file());
                    }
                }
                case UNKNOWN -> {
                    out.printf("State:    %d changeset(s) applied that this release does not know%n",
                            state.unknown().size());
                    for (AppliedChangeset a : state.unknown()) {
                        out.println("  unknown " + a.id() + "  " + a.file());
                    }
                }
            }
            return switch (state.verdict()) {
                case AT_HEAD -> state.edited().isEmpty() ? 0 : 1;
                case PENDING -> PENDING;
                case UNKNOWN -> UNKNOWN;
            };
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List applied changesets in order, with dates and tags.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @Override
        public Integer call() {
            List<AppliedChangeset> applied = migrate.engine().history();
            PrintWriter out = migrate.out();
            if (applied.isEmpty()) {
                out.println("No changesets applied.");
                return 0;
            }
            out.printf("%-4s %-23s %-36s %-10s %s%n", "#", "applied at", "changeset", "tag", "file");
            for (AppliedChangeset a : applied) {
                out.printf("%-4d %-23s %-36s %-10s %s%n", a.orderExecuted(), a.dateExecuted(), a.id(),
                        a.tag() == null ? "" : a.tag(), a.file());
            }
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Undo changesets, newest first, all in one transaction.")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @CommandLine.ArgGroup(multiplicity = "1")
        Range range;

        static final class Range {
            @CommandLine.Option(names = "--count", required = true, description = "Undo the last N changesets.")
            Integer count;

            @CommandLine.Option(names = "--tag", required = true, description = "Undo everything after tag T.")
            String tag;
        }

        @CommandLine.Option(names = "--no-backup", description = "Do not snapshot the SQLite file first.")
        boolean noBackup;

        @Override
        public Integer call() {
            Engine engine = migrate.engine().withBackups(!noBackup);
            List<String> undone = range.count != null ? engine.rollbackCount(range.count)
                    : engine.rollbackToTag(range.tag);
            migrate.out().printf("Rolled back %d changeset(s) on %s.%n", undone.size(), engine.target());
            return 0;
        }
    }

    @Command(name = "update-sql", mixinStandardHelpOptions = true,
            description = "Print the SQL that update would run; the database is not touched.")
    static final class UpdateSql implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @Override
        public Integer call() {
            migrate.out().print(migrate.engine().updateSql());
            migrate.out().flush();
            return 0;
        }
    }

    @Command(name = "changelog-sync", mixinStandardHelpOptions = true,
            description = {"Mark every changeset as applied without running it (adopt an existing database).",
                    "Refused unless the database already has the schema they produce."})
    static final class ChangelogSync implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @CommandLine.Option(names = "--allow-drift", description = "Mark them even though the database does not"
                + " have the schema they produce (by default that is refused).")
        boolean allowDrift;

        @Override
        public Integer call() {
            Engine engine = migrate.engine().allowingDrift(allowDrift);
            int marked = engine.changelogSync();
            migrate.out().printf("Marked %d changeset(s) as applied on %s without running them.%n", marked,
                    engine.target());
            return 0;
        }
    }

    @Command(name = "tag", mixinStandardHelpOptions = true,
            description = "Tag the current state, to roll back to it later with rollback --tag.")
    static final class Tag implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @CommandLine.Parameters(paramLabel = "NAME", description = "The tag name.")
        String name;

        @Override
        public Integer call() {
            Engine engine = migrate.engine();
            if (engine.tag(name)) {
                migrate.out().printf("Tagged %s as '%s'.%n", engine.target(), name);
            } else {
                migrate.out().printf("%s is already tagged '%s' at its newest changeset; nothing to do.%n",
                        engine.target(), name);
            }
            return 0;
        }
    }

    @Command(name = "release-locks", mixinStandardHelpOptions = true,
            description = "Free the Liquibase lock that a killed or crashed run of another tool left behind.")
    static final class ReleaseLocks implements Callable<Integer> {
        @ParentCommand
        Migrate migrate;

        @Override
        public Integer call() {
            Engine engine = migrate.engine();
            migrate.out().println(engine.releaseLocks()
                    .map(holder -> "Released the Liquibase lock on " + engine.target() + ", held " + holder + ".")
                    .orElse(engine.target() + " was not locked; nothing to release."));
            return 0;
        }
    }

    /** The version the jar's manifest carries (Implementation-Version); run from classes, a development build. */
    public static final class Version implements CommandLine.IVersionProvider {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public String[] getVersion() {
            String version = Migrate.class.getPackage().getImplementationVersion();
            return new String[] {spec.name() + " (Strata) " + (version == null ? "development build" : version)};
        }
    }
}
