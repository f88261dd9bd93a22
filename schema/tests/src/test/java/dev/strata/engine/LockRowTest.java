package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Liquibase lock row left behind never makes a migrator hold SQLite's write lock while it waits. */
class LockRowTest {
    @TempDir
    Path dir;

    @Test
    void aStaleLockRowFailsTheUpdateAfterTheLockTimeoutAndServiceWritesGoOn() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("cl"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
        Path db = dir.resolve("locked.db");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKEDBY = 'old-host (10.0.0.9)',"
                    + " LOCKGRANTED = '2026-11-30 10:00:00' WHERE ID = 1");
        }
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        byte[] before = Files.readAllBytes(db);

        CompletableFuture<Throwable> update = CompletableFuture.supplyAsync(() -> assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db).withBusyTimeout(10_000)).changelog(changelogs.changelog()).withBackups(false)
                        .update()));
        // A service writing with a 2 s busy timeout for as long as the migrator runs: no write may time out.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Connection service = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement s = service.createStatement()) {
                s.execute("PRAGMA busy_timeout = 2000");
                while (!update.isDone()) {
                    s.execute("INSERT INTO a (v) VALUES (1)");
                }
                s.execute("DELETE FROM a");
            }
            Throwable e = update.get();
            assertTrue(e.getMessage().contains("by old-host (10.0.0.9) since 2026-11-30 10:00:00"), e.getMessage());
        });
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "nothing applied");
        }
        assertTrue(Files.size(db) >= before.length);
    }
}
