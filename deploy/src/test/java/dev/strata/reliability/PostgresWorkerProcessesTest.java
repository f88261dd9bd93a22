package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three worker processes drain one PostgreSQL queue: every task runs exactly once. */
class PostgresWorkerProcessesTest {
    @TempDir
    Path dir;

    @Test
    void noTaskIsClaimedTwiceAcrossProcesses() throws Exception {
        int tasks = 300;
        int workers = 3;
        PostgresServer server = PostgresServer.shared();
        String url = server.url(server.newDatabase("queue"));
        Engine.on(Target.parse(url)).update();
        try (Connection c = new org.postgresql.Driver().connect(url, new Properties())) {
            WorkerProcessesTest.queue(c, tasks);
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            processes.add(new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                    WorkerProcessesTest.JAR.toString(), "worker", "--drain", "--id", "w" + i, "--db", url)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("w" + i + ".log").toFile()).start());
        }
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String log = Files.readString(dir.resolve("w" + i + ".log"));
            assertEquals(0, processes.get(i).waitFor(), log);
            Matcher m = WorkerProcessesTest.RAN.matcher(Files.readString(dir.resolve("w" + i + ".log")));
            ran.add(m.find() ? Integer.parseInt(m.group(1)) : -1);
        }
        try (Connection c = new org.postgresql.Driver().connect(url, new Properties());
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FILTER (WHERE attempts = 1),"
                     + " COUNT(*) FILTER (WHERE status = 'done'), (SELECT COUNT(*) FROM artifact),"
                     + " (SELECT COUNT(DISTINCT task_id) FROM artifact) FROM task")) {
            rs.next();
            Report.row(workers + " worker processes draining " + tasks + " tasks from one PostgreSQL database",
                    ran.stream().map(String::valueOf).reduce((a, b) -> a + " + " + b).orElse("") + " runs; "
                            + rs.getInt(2) + " done, " + rs.getInt(1) + " on the first attempt, " + rs.getInt(3)
                            + " artifacts for " + rs.getInt(4) + " tasks");
            assertEquals(tasks, ran.stream().mapToInt(Integer::intValue).sum(), "each task ran once in total");
            assertEquals(tasks, rs.getInt(1), "no task was claimed twice");
            assertEquals(tasks, rs.getInt(2));
            assertEquals(tasks, rs.getInt(3));
            assertEquals(tasks, rs.getInt(4));
        }
    }
}
