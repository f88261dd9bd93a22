package dev.strata.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Migrate;
import dev.strata.testing.SqliteOnly;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app jar's command line: web, worker and migrate as subcommands, help, version and usage errors. */
@SqliteOnly
class MainTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result run(Function<PrintWriter[], Integer> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = command.apply(new PrintWriter[] {new PrintWriter(out, true), new PrintWriter(err, true)});
        return new Result(exit, out.toString(), err.toString());
    }

    static Result app(String... args) {
        return run(w -> Main.run(args, w[0], w[1]));
    }

    static Result migrate(String... args) {
        return run(w -> Migrate.run(args, w[0], w[1]));
    }

    static void assertOneLine(Result r, String prefix, String text) {
        assertTrue(r.err().startsWith(prefix), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(text), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void helpListsTheThreeCommandsInPlainText() {
        Result help = app("--help");

        assertEquals(0, help.exit(), help.err());
        for (String command : List.of("web", "worker", "migrate", "help")) {
            assertTrue(help.out().lines().anyMatch(l -> l.matches("\\s+" + command + "\\s+\\S.*")),
                    command + " missing from:\n" + help.out());
        }
        assertFalse(help.out().contains("\u001b"), "terminal escape codes in:\n" + help.out());
        assertEquals("", help.err());
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        Result none = app();

        assertEquals(2, none.exit());
        assertTrue(none.out().startsWith("Usage: strata-app"), none.out());
    }

    @Test
    void versionComesFromTheJarManifest() {
        String version = Optional.ofNullable(Migrate.class.getPackage().getImplementationVersion())
                .orElse("development build");

        Result app = app("--version");
        Result migrate = app("migrate", "--version");

        assertEquals(0, app.exit());
        assertEquals("strata-app (Strata) " + version, app.out().strip());
        assertEquals(0, migrate.exit());
        assertEquals("migrate (Strata) " + version, migrate.out().strip());
    }

    @Test
    void aTypoNamesTheClosestCommandInOneLine() {
        Result typo = app("wbe", "--port", "0");

        assertEquals(2, typo.exit());
        assertOneLine(typo, "strata-app: ", "did you mean 'web'?");
        assertTrue(typo.err().contains("(see 'strata-app --help')"), typo.err());
        assertEquals("", typo.out());

        Result verb = app("migrate", "updte");
        assertEquals(2, verb.exit());
        assertOneLine(verb, "migrate: ", "Unmatched argument 'updte'; did you mean 'update'?");

        Result option = app("web", "--prot", "8080");
        assertEquals(2, option.exit());
        assertOneLine(option, "web: ", "did you mean '--port'?");

        Result nothingClose = app("frobnicate");
        assertEquals(2, nothingClose.exit());
        assertOneLine(nothingClose, "strata-app: ", "Unmatched argument 'frobnicate' (see 'strata-app --help')");
    }

    @Test
    void migrateHelpStillListsItsVerbs() {
        Result help = app("migrate", "--help");

        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("Usage: strata-app migrate"), help.out());
        for (String verb : List.of("update", "status", "history", "rollback", "update-sql", "changelog-sync", "tag",
                "release-locks", "new")) {
            assertTrue(help.out().lines().anyMatch(l -> l.matches("\\s+" + verb + "\\s+\\S.*")),
                    verb + " missing from:\n" + help.out());
        }
        String options = migrate("--help").out();
        assertEquals(options.substring(options.indexOf("\nApplies")), help.out().substring(help.out().indexOf("\nApplies")));
    }

    /** The migrate subcommand answers exactly as the migrate launcher always did: same exits, same words. */
    @Test
    void migrateThroughTheAppJarMatchesTheMigrateCommand() {
        List<String> cases = List.of("update", "status", "rollback --count 1 --no-backup", "status", "tag",
                "rollback", "rollback --count x", "frobnicate", "update --bogus", "update --lock-timeout -1",
                "rollback --tag nope", "update", "update");
        String launcher = dir.resolve("launcher.db").toString();
        String app = dir.resolve("app.db").toString();
        List<Integer> exits = new ArrayList<>();
        for (String command : cases) {
            Result expected = migrate((command + " --db " + launcher).split(" "));
            Result actual = app(("migrate " + command + " --db " + app).split(" "));

            exits.add(expected.exit());
            assertEquals(expected.exit(), actual.exit(), command + "\n" + actual.err());
            assertEquals(comparable(expected.err()), comparable(actual.err()), command);
            assertEquals(comparable(expected.out()), comparable(actual.out()), command);
        }
        assertEquals(List.of(0, 0, 0, 3, 2, 2, 2, 2, 2, 2, 1, 0, 0), exits);
        assertEquals(2, app("migrate").exit());
        assertTrue(app("migrate").out().startsWith("Usage: strata-app migrate"));
    }

    private static String comparable(String output) {
        return output.replace("launcher.db", "app.db").replaceAll("\\d+(\\.\\d+)? ms", "N ms").replaceAll("backup-\\d+T\\d+", "backup-T");
    }

    @Test
    void aBadPortIsOneLineAndExitsTwo() {
        Result port = app("web", "--db", dir.resolve("w.db").toString(), "--port", "http");

        assertEquals(2, port.exit());
        assertOneLine(port, "web: ", "--port (or $PORT) must be a number from 0 to 65535");
        assertFalse(Files.exists(dir.resolve("w.db")));
    }
}
