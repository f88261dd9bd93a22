package dev.strata.testing;

import dev.strata.cli.Migrate;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code migrate} command: its exit code and what it printed on each stream. */
public record MigrateRun(int exit, String out, String err) {
    public static MigrateRun migrate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Migrate.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new MigrateRun(exit, out.toString(), err.toString());
    }
}
