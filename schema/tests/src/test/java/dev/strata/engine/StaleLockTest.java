package dev.strata.engine;

import static dev.strata.testing.MigrateRun.migrate;

import dev.strata.testing.MigrateRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Liquibase lock row left set by another tool: waited for without blocking writers, named, released. */
class StaleLockTest {
    @TempDir
    Path dir;



    @Test
    void updateWaitsOutsideTheWriteLockNamesTheHolderAndReleaseLocksFreesIt() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
        Path db = dir.resolve("app.db");
        String[] target = {"--db", db.toString(), "--search-path", changelogs.root().toString(), "--changelog-file",
            "master.xml"};
        assertEquals(0, migrate(with("update", target)).exit());
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        execute(db, "UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKEDBY = 'ci-runner-7 (10.0.0.7)',"
                + " LOCKGRANTED = '2026-11-30 08:15:00.123' WHERE ID = 1");

        // As the services run: WAL, so readers and the one writer do not block each other.
        execute(db, "PRAGMA journal_mode = WAL");
        MigrateRun[] update = new MigrateRun[1];
        Thread migrator = new Thread(() -> update[0] = migrate(with("update", with("--no-backup",
                with("--lock-timeout", with("2", target))))));
        migrator.start();
        AtomicInteger writes = new AtomicInteger();
        try (Connection service = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = service.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 1000");
            while (migrator.isAlive()) {
                statement.executeUpdate("INSERT INTO a (v) VALUES (1)");
                writes.incrementAndGet();
            }
        }
        migrator.join();

        assertEquals(1, update[0].exit(), update[0].out());
        assertTrue(update[0].err().contains("is locked by another Liquibase run by ci-runner-7 (10.0.0.7) since"
                + " 2026-11-30 08:15:00.123 (waited 2 s, --lock-timeout); if no migration is running there, a killed run"
                + " left the lock: release it with `migrate release-locks`"), update[0].err());
        assertFalse(update[0].err().contains("Exception"), update[0].err());
        assertTrue(update[0].out().contains("waiting up to 2 s for the Liquibase lock held by ci-runner-7"),
                update[0].out());
        assertTrue(writes.get() > 0, "a service kept writing while the migrator waited");
        assertEquals(1, Engine.on(Target.sqlite(db)).history().size(), "nothing was applied");

        MigrateRun release = migrate(with("release-locks", target));
        assertEquals(0, release.exit(), release.err());
        assertEquals("Released the Liquibase lock on " + db + ", held by ci-runner-7 (10.0.0.7) since"
                + " 2026-11-30 08:15:00.123.\n", release.out());
        assertTrue(migrate(with("release-locks", target)).out().contains("was not locked; nothing to release"));
        assertEquals(0, migrate(with("update", target)).exit());
        assertEquals(2, Engine.on(Target.sqlite(db)).history().size());
    }

    private static void execute(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String[] with(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
