package dev.strata.reliability;

import dev.strata.testing.Report;
import dev.strata.testing.SyntheticSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.web.WebServer;
import dev.strata.cli.Migrate;
import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distinct bad inputs across the CLI, the changelogs, the database file and the API: each gets its one
 * expected error line (or a 4xx JSON error) and leaves the database byte-identical.
 */
class BadInputCorpusTest {
    @TempDir
    Path dir;

    Path head;
    final List<String> results = new ArrayList<>();

    record Case(String name, int exit, String expected, Path db, String[] args) {
    }

    @Test
    void everyBadInputGetsOneClearLineAndChangesNothing() throws Exception {
        head = dir.resolve("head.db");
        Engine.on(Target.sqlite(head)).withBackups(false).update();
        List<Case> cases = new ArrayList<>();
        cases.add(cli("unknown command", 2, "Unmatched argument", null, "frobnicate"));
        cases.add(cli("rollback without --count or --tag", 2, "Missing required argument", copy("a"), "rollback"));
        cases.add(cli("rollback --count not a number", 2, "Invalid value", copy("b"), "rollback", "--count", "x"));
        cases.add(cli("--db is a directory", 1, "is a directory, not a database file", Files.createDirectory(dir.resolve("folder")), "status"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "plain text, not a database ".repeat(100));
        cases.add(cli("--db is not SQLite", 1, "is not a usable SQLite database", text, "update"));
        Path truncated = copy("truncated");
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(whole, 6000));
        cases.add(cli("truncated database file", 1, "malformed", truncated, "status"));
        cases.add(cli("missing file for a read-only command", 1, "does not exist", dir.resolve("missing.db"), "history"));
        cases.add(cliUrl("unknown JDBC URL", 1, "cannot open database", "jdbc:nosuchdb://x/y", "status"));
        Path readOnly = copy("readonly");
        rollBackOne(readOnly);
        cases.add(cliUrl("read-only database", 1, "readonly", "jdbc:sqlite:file:" + readOnly + "?mode=ro", "update", "--no-backup", readOnly));
        Path locked = copy("locked");
        rollBackOne(locked);
        cases.add(new Case("locked by another writer", 1, "another process holds the database", locked,
                new String[] {"update", "--no-backup", "--lock-timeout", "1", "--db", locked.toString()}));
        Path full = dir.resolve("full.db");
        TestChangelogs big = dev.strata.testing.SyntheticSchema.write(dir.resolve("big"), 30);
        Engine.on(Target.sqlite(full)).changelog(big.changelog()).withBackups(false).update();
        Engine.on(Target.sqlite(full)).changelog(big.changelog()).withBackups(false).rollbackCount(20);
        int pages;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + full)) {
            c.createStatement().execute("VACUUM");
            var rs = c.createStatement().executeQuery("PRAGMA page_count");
            rs.next();
            pages = rs.getInt(1);
        }
        // The database may grow by three pages: the 20 changesets need far more.
        cases.add(cliUrl("disk full (database size limit)", 1, "full", "jdbc:sqlite:" + full + "?max_page_count=" + (pages + 3),
                "update", "--no-backup", full, "--search-path", big.root().toString(), "--changelog-file", "master.xml"));
        cases.add(cli("tag older than any applied changeset", 1, "tag 'nope' is not in the database", copy("c"), "rollback", "--tag", "nope"));
        cases.add(cli("rollback more than applied", 1, "the database has only 6 applied", copy("d"), "rollback", "--count", "99"));
        cases.add(cli("new with a bad slug", 1, "must be lowercase words joined by dashes", null, "new", "Bad Slug!"));

        cases.add(changelog("changelog that does not parse", 1, "does not parse", "0002-broken", null));
        cases.add(changelog("failing changeset", 1, "no such table: nowhere", "0002-fails", "<sql>UPDATE nowhere SET x = 1</sql>"));
        cases.add(changelog("NOT NULL over NULLs", 1, "existing rows violate it", "0002-not-null",
                "<addNotNullConstraint tableName=\"a\" columnName=\"v\" columnDataType=\"INTEGER\"/>"));
        cases.add(changelog("duplicate changeset id", 1, "appears twice", "0002-dup", "DUPLICATE"));
        cases.add(changelog("edited released changeset", 1, "was edited after it was applied", "0002-edit", "EDIT"));
        cases.add(changelog("database from a newer release", 1, "this release does not know", "0002-newer", "NEWER"));

        for (Case c : cases) {
            runCli(c);
        }
        int apiCases = api();
        Report.row("bad-input corpus: CLI, changelogs, database file, API", (cases.size() + apiCases) + " distinct bad inputs: "
                + "each one clear line (or a 4xx JSON error), the expected exit code, the database byte-identical");
        assertTrue(cases.size() + apiCases >= 20);
    }

    private void runCli(Case c) throws Exception {
        byte[] before = c.db() != null && Files.isRegularFile(c.db()) ? Files.readAllBytes(c.db()) : null;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        if (c.name().startsWith("locked")) {
            // Another writer holds the database for the whole attempt.
            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + c.db())) {
                writer.setAutoCommit(false);
                writer.createStatement().execute("INSERT INTO task (kind, input) VALUES ('checksum', 'held')");
                exit = Migrate.run(c.args(), new PrintWriter(out, true), new PrintWriter(err, true));
                writer.rollback();
            }
        } else {
            exit = Migrate.run(c.args(), new PrintWriter(out, true), new PrintWriter(err, true));
        }
        String label = c.name() + ": " + err;
        assertEquals(c.exit(), exit, label + out);
        assertTrue(err.toString().contains(c.expected()), label);
        if (c.exit() == 1) {
            assertTrue(err.toString().startsWith("migrate: ") && err.toString().strip().lines().count() == 1, "one line: " + label);
        }
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + label);
        if (before != null) {
            assertTrue(Arrays.equals(before, Files.readAllBytes(c.db())), "byte-identical: " + c.name());
        }
    }

    private Case cli(String name, int exit, String expected, Path db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (db != null) {
            all.addAll(List.of("--db", db.toString()));
        }
        return new Case(name, exit, expected, db, all.toArray(new String[0]));
    }

    /** A case whose --db is a URL; an optional Path among the args is the file to compare. */
    private Case cliUrl(String name, int exit, String expected, String url, Object... args) {
        List<String> all = new ArrayList<>();
        Path file = null;
        for (Object a : args) {
            if (a instanceof Path p) {
                file = p;
            } else {
                all.add((String) a);
            }
        }
        all.addAll(List.of("--db", url));
        return new Case(name, exit, expected, file, all.toArray(new String[0]));
    }

    private Case changelog(String name, int exit, String expected, String id, String body) throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("cl-" + id));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
        Path db = dir.resolve(id + ".db");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("INSERT INTO a (v) VALUES (1), (NULL)");
        }
        switch (body == null ? "" : body) {
            case "" -> Files.writeString(changelogs.add(id, "").root().resolve("changes/" + id + ".xml"), "<databaseChangeLog><oops");
            case "DUPLICATE" -> {
                // Liquibase's identity is file + id + author: a true duplicate repeats all three in one file.
                changelogs.add(id, TestChangelogs.createTable("b", "v INTEGER"));
                Path file = changelogs.root().resolve("changes/" + id + ".xml");
                String text = Files.readString(file);
                int start = text.indexOf("  <changeSet");
                int end = text.indexOf("</databaseChangeLog>");
                Files.writeString(file, text.substring(0, end) + text.substring(start, end).replace("\"b\"", "\"c\"")
                        + text.substring(end));
            }
            case "EDIT" -> {
                Path file = changelogs.root().resolve("changes/0001-create-a.xml");
                Files.writeString(file, Files.readString(file).replace("v\" type=\"INTEGER", "v\" type=\"BIGINT"));
                changelogs.add(id, TestChangelogs.createTable("b", "v INTEGER"));
            }
            case "NEWER" -> {
                changelogs.add(id, TestChangelogs.createTable("b", "v INTEGER"));
                Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
                TestChangelogs older = new TestChangelogs(dir.resolve("older-" + id));
                older.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
                return new Case(name, exit, expected, db, new String[] {"update", "--db", db.toString(), "--search-path",
                        older.root().toString(), "--changelog-file", "master.xml"});
            }
            default -> changelogs.add(id, body);
        }
        return new Case(name, exit, expected, db, new String[] {"update", "--db", db.toString(), "--search-path",
                changelogs.root().toString(), "--changelog-file", "master.xml"});
    }

    private int api() throws Exception {
        Path db = copy("api");
        byte[] before;
        AppDatabase database = AppDatabase.open(Target.sqlite(db));
        Javalin app = new WebServer(new TaskQueue(database.dsl()), TaskKinds.standard(),
                new SchemaGate(database.target(), l -> { })).start("127.0.0.1", 0);
        String[][] requests = {
            {"POST", "/tasks", "{\"kind\": \"word-count\", \"input\": ", "400"},
            {"POST", "/tasks", "{\"kind\": \"resize-image\", \"input\": \"x\"}", "400"},
            {"POST", "/tasks", "{\"kind\": \"checksum\", \"input\": \"" + "x".repeat(WebServer.MAX_INPUT_BYTES + 1) + "\"}", "413"},
            {"GET", "/tasks/abc", null, "400"},
            {"GET", "/tasks?limit=-3", null, "400"},
        };
        try {
            HttpClient http = HttpClient.newHttpClient();
            before = Files.readAllBytes(db);
            for (String[] r : requests) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + r[1]))
                        .method(r[0], r[2] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(r[2]))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(Integer.parseInt(r[3]), response.statusCode(), r[1] + " " + response.body());
                assertTrue(response.body().startsWith("{\"error\":"), response.body());
            }
        } finally {
            app.stop();
            database.close();
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(db)), "API bad input wrote nothing");
        return requests.length;
    }

    private Path copy(String name) throws Exception {
        return Files.copy(head, dir.resolve(name + ".db"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void rollBackOne(Path db) {
        Engine.on(Target.sqlite(db)).withBackups(false).rollbackCount(1);
    }

}
