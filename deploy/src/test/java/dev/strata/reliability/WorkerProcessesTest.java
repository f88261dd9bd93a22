package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two worker processes drain one queue: every task runs exactly once, whichever process claims it. */
class WorkerProcessesTest {
    static final Path JAR = Path.of("").toAbsolutePath().getParent().resolve("app/target/strata-app.jar");
    static final Pattern RAN = Pattern.compile("ran (\\d+) task\\(s\\)");

    @TempDir
    Path dir;

    @Test
    void noTaskIsClaimedTwiceAcrossProcesses() throws Exception {
        int tasks = 3000;
        Path db = dir.resolve("queue.db");
        Engine.on(Target.sqlite(db)).update();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            queue(c, tasks);
        }
        Process a = worker(db, "a");
        Process b = worker(db, "b");
        assertEquals(0, a.waitFor(), Files.readString(dir.resolve("a.log")));
        assertEquals(0, b.waitFor(), Files.readString(dir.resolve("b.log")));
        int ranA = ran("a");
        int ranB = ran("b");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(attempts = 1), SUM(status = 'done'),"
                     + " (SELECT COUNT(*) FROM artifact), (SELECT COUNT(DISTINCT task_id) FROM artifact) FROM task")) {
            rs.next();
            Report.row("2 worker processes draining " + tasks + " tasks from one file", ranA + " + " + ranB
                    + " runs; " + rs.getInt(3) + " done, " + rs.getInt(2) + " on the first attempt, " + rs.getInt(4)
                    + " artifacts for " + rs.getInt(5) + " tasks");
            assertEquals(tasks, ranA + ranB, "each task ran once in total");
            assertEquals(tasks, rs.getInt(2), "no task was claimed twice");
            assertEquals(tasks, rs.getInt(3));
            assertEquals(tasks, rs.getInt(4));
            assertEquals(tasks, rs.getInt(5));
        }
    }

    /** Queues {@code tasks} tasks of both kinds in one transaction. */
    static void queue(Connection c, int tasks) throws java.sql.SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO task (kind, input) VALUES (?, ?)")) {
            for (int i = 0; i < tasks; i++) {
                insert.setString(1, i % 2 == 0 ? "checksum" : "word-count");
                insert.setString(2, "input " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
    }

    private Process worker(Path db, String name) throws Exception {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "worker", "--drain", "--id", name, "--db", db.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private int ran(String name) throws Exception {
        Matcher m = RAN.matcher(Files.readString(dir.resolve(name + ".log")));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
