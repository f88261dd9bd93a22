package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.postgres.PgSnapshot;
import dev.strata.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate update} on PostgreSQL killed with SIGKILL at points across its run: the server rolls the
 * one transaction back when the connection drops, so the database holds the old or the new head, the
 * advisory lock goes with the connection, and the next update completes without clearing anything.
 */
class PostgresKillTest {
    @TempDir
    Path dir;

    @Test
    void everyKillLeavesTheOldOrTheNewHead() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 30);
        PostgresServer server = PostgresServer.shared();
        String timing = server.url(server.newDatabase("kill_timing"));
        long start = System.nanoTime();
        Process measured = MigrateProcess.start(timing, changelogs, dir.resolve("timing.log"), "update");
        assertEquals(0, measured.waitFor());
        long fullRun = (System.nanoTime() - start) / 1_000_000;
        List<String> newHead;
        try (Connection c = connect(timing)) {
            newHead = PgSnapshot.structure(c);
        }
        int trials = 6;
        int atOld = 0;
        int atNew = 0;
        for (int i = 0; i < trials; i++) {
            String url = server.url(server.newDatabase("kill"));
            long killAt = Math.max(1, fullRun * 12 * (i + 1) / (10L * trials));
            Process process = MigrateProcess.start(url, changelogs, dir.resolve("trial.log"), "update");
            if (!process.waitFor(killAt, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            try (Connection c = connect(url)) {
                List<String> structure = PgSnapshot.structure(c);
                if (structure.isEmpty()) {
                    atOld++;
                } else {
                    assertEquals(newHead, structure, "after a kill at " + killAt + " ms: the old or the new head");
                    assertEquals(List.of("60"), PgSnapshot.rows(c, "SELECT COUNT(*) FROM databasechangelog"));
                    assertEquals(List.of("f"), PgSnapshot.rows(c, "SELECT locked FROM databasechangeloglock"));
                    atNew++;
                }
            }
            Engine.on(Target.parse(url).withBusyTimeout(10_000)).changelog(changelogs.changelog()).update();
            assertTrue(Engine.on(Target.parse(url)).changelog(changelogs.changelog()).status().atHead(),
                    "the next update completes without clearing a lock");
        }
        Report.row("kill -9 at " + trials + " points during `migrate update` on PostgreSQL (60 changesets, run ≈ "
                + fullRun + " ms)", atOld + " at old head, " + atNew + " at new head, 0 other");
        assertEquals(trials, atOld + atNew);
    }

    private static Connection connect(String url) throws java.sql.SQLException {
        return new org.postgresql.Driver().connect(url, new Properties());
    }
}
