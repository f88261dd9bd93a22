package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code update} and {@code status} without picocli answer exactly as picocli does: same exit code, same
 * output, same database afterwards, for generated command lines (plain ones and near misses that must go
 * to picocli) against a new file, a file at head, one with a changeset pending and one that is not a database.
 */
class HotVerbsTest {
    private static Path dir;
    private static Path atHead;
    private static Path pending;

    @BeforeContainer
    static void databases() throws Exception {
        dir = Files.createTempDirectory("hot-verbs-");
        atHead = dir.resolve("at-head.db");
        assertEquals(0, Migrate.picocli(new String[] {"update", "--db", atHead.toString()}, sink(), sink()));
        pending = dir.resolve("pending.db");
        Files.copy(atHead, pending);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + pending); var s = c.createStatement()) {
            s.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '0006-add-task-priority'");
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    enum State { NEW_FILE, AT_HEAD, PENDING, NOT_A_DATABASE }

    @Property(tries = 40)
    void sameAnswerAsPicocli(@ForAll("commandLines") List<String> tokens, @ForAll State state) throws IOException {
        Path db = dir.resolve("run.db");
        String[] args = tokens.stream().map(t -> t.replace("DB", db.toString())).toArray(String[]::new);
        String hot = runOn(state, db, () -> runCapturing(Migrate::run, args));
        String stock = runOn(state, db, () -> runCapturing(Migrate::picocli, args));
        assertEquals(stock, hot, String.join(" ", args) + " on " + state);
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> verb = Arbitraries.of("update", "status", "history", "--db");
        Arbitrary<String> token = Arbitraries.of("--db", "DB", "--db=DB", "--db=", "--no-backup", "--lock-timeout",
                "5", "@DB", "--help", "-h", "--", "-", "status", "");
        return verb.flatMap(first -> token.list().ofMaxSize(4).map(rest -> {
            List<String> all = new ArrayList<>(List.of(first));
            all.addAll(rest);
            if (all.stream().noneMatch(t -> t.contains("DB"))) {
                all.addAll(List.of("--db", "DB")); // never the default data/strata.db of the working folder
            }
            return all;
        }));
    }

    interface Verb {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    interface Run {
        String get() throws IOException;
    }

    /** Exit code, stdout and stderr, with times and backup names (which differ between runs) masked. */
    private static String runCapturing(Verb verb, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = verb.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return (exit + "\n" + out + "\n--\n" + err).replaceAll("\\d+(\\.\\d+)? ms", "N ms")
                .replaceAll("backup-\\S+", "backup-X").replaceAll("\\(\\d+ MB", "(N MB");
    }

    /** The result of {@code run}, and the database file's tables afterwards, from a fresh copy of {@code state}. */
    private static String runOn(State state, Path db, Run run) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("run.db")).toList()) {
                Files.delete(p);
            }
        }
        switch (state) {
            case NEW_FILE -> { }
            case AT_HEAD -> Files.copy(atHead, db);
            case PENDING -> Files.copy(pending, db);
            case NOT_A_DATABASE -> Files.writeString(db, "not a database, just text\n".repeat(100));
        }
        String result = run.get();
        String contents = !Files.exists(db) ? "no file" : Files.size(db) + " bytes";
        try (Stream<Path> files = Files.list(dir)) {
            return result + "\n" + contents + "\n" + files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("run.db")).map(n -> n.replaceAll("backup-\\S+", "backup-X")).sorted().toList();
        }
    }

    private static PrintWriter sink() {
        return new PrintWriter(java.io.Writer.nullWriter());
    }
}
