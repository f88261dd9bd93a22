package dev.strata.cli;

import dev.strata.engine.Drift;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaState;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate diff}: drift between the live schema and the one its recorded changesets produce. Exit 0
 * when they match, 3 on drift, 4 when the database has changesets this release does not know, 5 on a
 * database other than SQLite (its schema is not compared).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare the live schema with the one the changesets recorded in the database produce.",
                "Exit 0 no drift, 3 drift, 4 unknown changesets, 5 not a SQLite database."})
final class SchemaDiff implements Callable<Integer> {
    static final int DRIFT = 3;
    static final int UNSUPPORTED = 5;

    @ParentCommand
    Migrate migrate;

    @Override
    public Integer call() {
        Engine engine = migrate.engine();
        PrintWriter err = migrate.spec.commandLine().getErr();
        if (!engine.target().isSqlite()) {
            err.println("migrate: diff compares SQLite schemas only; " + engine.target() + " is "
                    + engine.target().shortName() + ". Compare it by hand (pg_dump --schema-only) with a database"
                    + " built by `migrate update`");
            return UNSUPPORTED;
        }
        SchemaState state = engine.status();
        if (state.unknownMessage() != null) {
            err.println("migrate: cannot tell what the schema should be: " + state.unknownMessage());
            return Migrate.UNKNOWN;
        }
        Drift drift = engine.diff();
        PrintWriter out = migrate.out();
        String recorded = state.applied().size() + " changeset(s) recorded in DATABASECHANGELOG"
                + (state.pending().isEmpty() ? " (at head)" : " (" + state.pending().size() + " pending)");
        out.println("Database: " + engine.target());
        out.println("Expected: the schema of the " + recorded);
        if (drift.none()) {
            out.println("Drift:    none");
            return 0;
        }
        out.printf("Drift:    %d object(s) differ%n", drift.differences().size());
        for (Drift.Difference d : drift.differences()) {
            out.println("  " + d.line());
        }
        out.print(drift.unifiedDiff("expected (from the recorded changesets)", "live (" + engine.target() + ")"));
        out.flush();
        return DRIFT;
    }
}
