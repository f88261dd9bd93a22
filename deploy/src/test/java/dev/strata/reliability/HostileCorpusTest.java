package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.web.WebServer;
import dev.strata.cli.Migrate;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus ({@code reliability/hostile-corpus.tsv}): requests, command lines, files, processes and
 * environments a hostile client or a tired operator produces, each with its expected answer. Every case
 * must get that answer in one clear line (or a JSON error), and leave the database as it was: the file
 * byte-identical for the CLI and processes, every row identical for the API.
 */
class HostileCorpusTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path JAR = ROOT.resolve("app/target/strata-app.jar");
    private static final Pattern REPEAT = Pattern.compile("\\{repeat (\\d+) ([^}]*)}");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b\\w+(Exception|Error)\\b(?!\\])|\\tat ");

    @TempDir
    Path dir;

    Path head;
    java.net.ServerSocket busy;
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> perArea = new TreeMap<>();

    record Case(int line, String area, String name, String[] fields) {
        String field(int i) {
            return i < fields.length ? fields[i] : "";
        }
    }

    @Test
    void everyHostileInputGetsItsAnswerAndChangesNothing() throws Exception {
        head = dir.resolve("head.db");
        Engine.on(Target.sqlite(head)).withBackups(false).update();
        List<Case> cases = read();
        Map<String, List<Case>> byArea = new HashMap<>();
        for (Case c : cases) {
            byArea.computeIfAbsent(c.area(), a -> new ArrayList<>()).add(c);
        }
        api(byArea.getOrDefault("api", List.of()));
        for (Case c : byArea.getOrDefault("cli", List.of())) {
            cli(c);
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            busy = taken;
            for (Case c : byArea.getOrDefault("process", List.of())) {
                process(c);
            }
        }
        Report.row("hostile corpus (" + CORPUS + ")", cases.size() + " cases: " + perArea.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("")
                + "; each got its expected status or exit code and one clear line, and left the database"
                + " byte- or row-identical; " + failures.size() + " failed");
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases failed:\n"
                + String.join("\n", failures));
        assertTrue(cases.size() >= 150, "the corpus holds " + cases.size() + " cases");
    }

    static final String CORPUS = "reliability/hostile-corpus.tsv";

    private List<Case> read() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CORPUS)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                cases.add(new Case(i + 1, f[0], f[1], Arrays.copyOfRange(f, 2, f.length)));
                perArea.merge(f[0], 1, Integer::sum);
            }
        }
        return cases;
    }

    private void fail(Case c, String why) {
        failures.add("line " + c.line() + " [" + c.area() + "] " + c.name() + ": " + why);
    }

    // ---- API: METHOD, path, headers ('|'-separated, or -), body (or -), status, text in the answer ----

    private void api(List<Case> cases) throws Exception {
        Path db = copy("api");
        AppDatabase database = AppDatabase.open(Target.sqlite(db));
        Javalin app = new WebServer(new TaskQueue(database.dsl()), TaskKinds.standard(),
                new SchemaGate(database.target(), l -> { })).start("127.0.0.1", 0);
        try {
            for (Case c : cases) {
                String before = rows(db);
                String[] answer = send(app.port(), c);
                int status = Integer.parseInt(c.field(4));
                if (!answer[0].equals(c.field(4))) {
                    fail(c, "status " + answer[0] + " instead of " + status + ": " + cut(answer[1]));
                    continue;
                }
                if (!answer[1].contains(c.field(5))) {
                    fail(c, "answer lacks '" + c.field(5) + "': " + cut(answer[1]));
                }
                if (status >= 400 && !answer[1].startsWith("{\"error\":")) {
                    fail(c, "not a JSON error: " + cut(answer[1]));
                }
                if (EXCEPTION_NAME.matcher(answer[1]).find()) {
                    fail(c, "internal names in the answer: " + cut(answer[1]));
                }
                if (status >= 300 && !before.equals(rows(db))) {
                    fail(c, "rows changed");
                }
            }
        } finally {
            app.stop();
            database.close();
        }
    }

    /** One raw HTTP/1.1 exchange; returns status and body. */
    private static String[] send(int port, Case c) throws Exception {
        String method = c.field(0);
        String target = expand(c.field(1));
        List<String> headers = new ArrayList<>(List.of("Host: 127.0.0.1", "Connection: close"));
        if (!c.field(2).equals("-")) {
            headers.addAll(Arrays.asList(expand(c.field(2)).split("\\|")));
        }
        boolean chunked = headers.stream().anyMatch(h -> h.equalsIgnoreCase("Transfer-Encoding: chunked"));
        boolean explicitLength = headers.stream().anyMatch(h -> h.toLowerCase().startsWith("content-length:"));
        byte[] body = c.field(3).equals("-") ? null : bytes(c.field(3));
        if (body != null && !chunked && !explicitLength) {
            headers.add("Content-Length: " + body.length);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null && chunked) {
                    for (int i = 0; i < body.length; i += 8192) {
                        int n = Math.min(8192, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server answered and closed before the whole body was sent: read its answer
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(response);
            int split = response.indexOf("\r\n\r\n");
            return new String[] {status.find() ? status.group(1) : "no answer: " + cut(response),
                    split < 0 ? "" : response.substring(split + 4)};
        }
    }

    /** Body text: {repeat N x} repeats x, \xHH is a raw byte, \n \r \t \\ as usual; the rest is UTF-8. */
    static byte[] bytes(String spec) {
        String text = expand(spec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                switch (next) {
                    case 'x' -> {
                        out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                        i += 3;
                        continue;
                    }
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case '\\' -> out.write('\\');
                    default -> {
                        out.write('\\');
                        out.write(next);
                    }
                }
                i++;
                continue;
            }
            out.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static String expand(String spec) {
        Matcher m = REPEAT.matcher(spec);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- CLI: fixture, arguments (tab-free, space-separated; $DB and $DIR), exit, text in the output ----

    private void cli(Case c) throws Exception {
        Path db = fixture(c.field(0), "cli-" + c.line());
        byte[] before = db != null && Files.isRegularFile(db) ? Files.readAllBytes(db) : null;
        boolean existed = db != null && Files.exists(db);
        String[] args = expand(c.field(1)).replace("$DB", db == null ? "" : db.toString()).replace("$DIR", dir.toString())
                .split(" ");
        if (c.field(1).isEmpty()) {
            args = new String[0];
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        if (c.field(0).equals("held")) {
            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                writer.setAutoCommit(false);
                writer.createStatement().execute("INSERT INTO task (kind, input) VALUES ('checksum', 'held')");
                exit = Migrate.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
                writer.rollback();
            }
        } else if (c.field(0).equals("exclusive")) {
            // Another process holds the file exclusively (BEGIN EXCLUSIVE, as while it commits): not even readable.
            try (Connection owner = DriverManager.getConnection("jdbc:sqlite:" + db);
                 java.sql.Statement statement = owner.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                exit = Migrate.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
                statement.execute("ROLLBACK");
            }
        } else {
            exit = Migrate.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        }
        check(c, exit, out.toString(), err.toString(), "migrate: ", 2);
        unchanged(c, db, before, existed);
    }

    // ---- processes: fixture, command (migrate|web|worker args; $DB $DIR), environment (K=V;… or -), exit, text ----

    private void process(Case c) throws Exception {
        Path db = fixture(c.field(0), "proc-" + c.line());
        byte[] before = db != null && Files.isRegularFile(db) ? Files.readAllBytes(db) : null;
        boolean existed = db != null && Files.exists(db);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        for (String a : expand(c.field(1)).split(" ")) {
            command.add(a.replace("$DB", db == null ? "" : db.toString()).replace("$DIR", dir.toString())
                    .replace("$BUSYPORT", Integer.toString(busy.getLocalPort())));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("STRATA_DB");
        builder.environment().remove("PORT");
        builder.environment().remove("HOST");
        builder.environment().remove("STRATA_MIGRATE");
        if (!c.field(2).equals("-")) {
            for (String pair : c.field(2).split(";")) {
                int eq = pair.indexOf('=');
                builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1).replace("$DB",
                        db == null ? "" : db.toString()).replace("$DIR", dir.toString()));
            }
        }
        Path outFile = dir.resolve("proc-" + c.line() + ".out");
        Path errFile = dir.resolve("proc-" + c.line() + ".err");
        Process p = builder.redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(c, "still running after 60 s");
            return;
        }
        String role = c.field(1).split(" ")[0];
        check(c, p.exitValue(), Files.readString(outFile), Files.readString(errFile), role + ": ", 2);
        unchanged(c, db, before, existed);
    }

    private void check(Case c, int exit, String out, String err, String prefix, int usage) {
        int expected = Integer.parseInt(c.field(c.area().equals("cli") ? 2 : 3));
        String text = c.field(c.area().equals("cli") ? 3 : 4);
        String all = out + err;
        if (exit != expected) {
            fail(c, "exit " + exit + " instead of " + expected + ": " + cut(all));
            return;
        }
        if (!all.contains(text)) {
            fail(c, "output lacks '" + text + "': " + cut(all));
        }
        if (exit == 1 && !(err.startsWith(prefix) && err.strip().lines().count() == 1)) {
            fail(c, "not one line starting '" + prefix + "' on stderr: " + cut(err));
        }
        if (exit != usage && EXCEPTION_NAME.matcher(all).find()) {
            fail(c, "internal names or a stack trace: " + cut(all));
        }
        for (String secret : List.of("hunter2", "s3cr3t")) {
            if (all.contains(secret)) {
                fail(c, "printed a password: " + cut(all));
            }
        }
    }

    private void unchanged(Case c, Path db, byte[] before, boolean existed) throws Exception {
        if (before != null && !Arrays.equals(before, Files.readAllBytes(db))) {
            fail(c, "the database file changed");
        }
        if (db != null && !existed && Files.exists(db) && !c.name().startsWith("creates")) {
            fail(c, "created " + db.getFileName());
        }
    }

    // ---- fixtures ----

    private Path fixture(String name, String id) throws Exception {
        Path db = dir.resolve(id + ".db");
        switch (name) {
            case "-" -> {
                return null;
            }
            case "head" -> Files.copy(head, db, StandardCopyOption.REPLACE_EXISTING);
            case "pending", "held", "exclusive" -> {
                Files.copy(head, db, StandardCopyOption.REPLACE_EXISTING);
                Engine.on(Target.sqlite(db)).withBackups(false).rollbackCount(1);
            }
            case "tagged" -> {
                Files.copy(head, db, StandardCopyOption.REPLACE_EXISTING);
                Engine.on(Target.sqlite(db)).tag("release-1");
            }
            case "missing" -> {
                return db;
            }
            case "dir" -> Files.createDirectories(db);
            case "text" -> Files.writeString(db, "plain text, not a database\n".repeat(200));
            case "empty" -> Files.createFile(db);
            case "truncated" -> Files.write(db, Arrays.copyOf(Files.readAllBytes(head), 6000));
            case "corrupt" -> {
                Files.copy(head, db, StandardCopyOption.REPLACE_EXISTING);
                corruptTaskPage(db);
            }
            case "foreign" -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                    c.createStatement().execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
                    c.createStatement().execute("INSERT INTO users (name) VALUES ('someone else''s data')");
                }
            }
            default -> throw new IllegalArgumentException("unknown fixture " + name);
        }
        return db;
    }

    /** Overwrites the task table's first page with junk: the tracking table still reads, the data does not. */
    private static void corruptTaskPage(Path db) throws Exception {
        int page;
        int size;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO task (kind, input) VALUES " + "('checksum', 'row'),".repeat(200)
                        + "('checksum', 'last')");
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'task'")) {
                rs.next();
                page = rs.getInt(1);
            }
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA page_size")) {
                rs.next();
                size = rs.getInt(1);
            }
        }
        byte[] file = Files.readAllBytes(db);
        Arrays.fill(file, (page - 1) * size, page * size, (byte) 0x5a);
        Files.write(db, file);
    }

    private Path copy(String name) throws Exception {
        return Files.copy(head, dir.resolve(name + ".db"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every row of every table, for row-identical comparison (WAL files make bytes differ). */
    private static String rows(Path db) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        all.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            all.append(rs.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static String cut(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }
}
