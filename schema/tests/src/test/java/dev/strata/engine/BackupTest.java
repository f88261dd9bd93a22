package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-change backup: bounded under writes, same permissions, never pruned by a failed attempt. */
class BackupTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"WAL", "DELETE"})
    void completesWhileAnotherProcessKeepsWriting(String journal) throws Exception {
        Path db = dir.resolve("busy.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (body) VALUES (randomblob(4000))")) {
                for (int i = 0; i < 6000; i++) {
                    insert.executeUpdate();
                }
            }
            c.commit();
        }
        // Another process writes 200 times a second, as the services do (WAL, one commit per write).
        Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), db.toString(), "5", journal)
                .redirectErrorStream(true).start();
        try {
            assertEquals('w', writer.getInputStream().read(), "the writer started");
            long before = rows(db);
            Path backup = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                try (Connection source = Target.sqlite(db).open()) {
                    return Backup.take(source, db);
                }
            }, "a stepwise backup restarts on every write from another process and never finishes");
            assertTrue(rows(db) > before, "the writer kept committing during the backup");
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + backup);
                 ResultSet rs = copy.createStatement().executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1));
            }
        } finally {
            writer.destroy();
            writer.waitFor();
        }
    }

    private static long rows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT MAX(id) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A separate writer process on database {@code args[0]}: one INSERT every {@code args[1]} ms in journal mode
     * {@code args[2]} until killed; prints 'w' once started.
     */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                 java.sql.Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.executeQuery("PRAGMA journal_mode=" + args[2]).close();
                for (int i = 0; ; i++) {
                    s.execute("INSERT INTO t (body) VALUES (randomblob(100))");
                    if (args[2].equals("WAL")) {
                        s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)").close(); // as the auto-checkpoint does
                    }
                    if (i == 0) {
                        System.out.print('w');
                        System.out.flush();
                    }
                    Thread.sleep(Long.parseLong(args[1]));
                }
            }
        }
    }

    @Test
    void keepsTheDatabaseFilesPermissions() throws Exception {
        for (String mode : List.of("rw-------", "rw-r-----")) {
            Path db = migrated("mode-" + mode.replace("-", "_") + ".db");
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString(mode));
            Path backup = backUp(db);
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)), backup.toString());
        }
    }

    @Test
    void fileUrlsAndNamesWithQuotesAreBackedUpAndPruned() throws Exception {
        Path db = migrated("it's a \"db\".db");
        for (int i = 0; i < 5; i++) {
            pendingOne(db);
            Engine.on(Target.parse("jdbc:sqlite:file:" + db.toString().replace(" ", "%20"))).changelog(changelogs())
                    .update();
        }
        List<Path> backups = Backup.list(db);
        assertEquals(Backup.KEEP, backups.size(), backups.toString());
        for (Path b : backups) {
            assertTrue(Files.size(b) > 0, b.toString());
        }
    }

    @Test
    void aFullDiskLeavesNoBackupNamedFileAndPrunesNothing() throws Exception {
        Path db = migrated("full.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
                    + " SELECT i + 1 FROM n WHERE i < 3000) SELECT i, randomblob(4000) AS body FROM n");
        }
        List<byte[]> real = new ArrayList<>();
        for (int i = 0; i < Backup.KEEP; i++) {
            real.add(Files.readAllBytes(backUp(db)));
        }
        List<Path> listed = Backup.list(db);
        pendingOne(db);
        byte[] before = Files.readAllBytes(db);
        for (int attempt = 0; attempt < 3; attempt++) {
            // A file-size limit below the database's size: every write past it fails as on a full disk.
            Process migrate = new ProcessBuilder("bash", "-c", "ulimit -f 6144; exec \"$0\" \"$@\"",
                    ProcessHandle.current().info().command().orElse("java"), "-XX:-UsePerfData", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Migrate", "update", "--db",
                    db.toString(), "--search-path", changelogs.root().toString(), "--changelog-file", "master.xml")
                    .redirectErrorStream(true).start();
            String output = new String(migrate.getInputStream().readAllBytes());
            assertEquals(1, migrate.waitFor(), output);
            assertTrue(output.contains("cannot back up") && output.contains("no backup was removed"), output);
        }
        assertEquals(listed, Backup.list(db), "the real backups survive failed attempts");
        for (int i = 0; i < Backup.KEEP; i++) {
            assertTrue(java.util.Arrays.equals(real.get(i), Files.readAllBytes(listed.get(i))));
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the database is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("partial")));
        }
    }

    @Test
    void aCopyAbandonedByAKilledProcessIsRemovedAndNeverListed() throws Exception {
        Path db = migrated("killed.db");
        Path abandoned = Files.createFile(dir.resolve(".killed.db.backup-partial-999999999-1"));
        assertTrue(Backup.list(db).isEmpty());
        backUp(db);
        assertFalse(Files.exists(abandoned));
        assertEquals(1, Backup.list(db).size());
    }

    private Path backUp(Path db) throws Exception {
        try (Connection source = Target.sqlite(db).open()) {
            Path backup = Backup.take(source, db);
            Thread.sleep(2); // distinct millisecond stamps
            return backup;
        }
    }

    private TestChangelogs changelogs;

    private dev.strata.engine.Changelog changelogs() {
        return changelogs.changelog();
    }

    private Path migrated(String name) throws Exception {
        changelogs = new TestChangelogs(dir.resolve("cl-" + Math.abs(name.hashCode())));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        Path db = dir.resolve(name);
        Engine.on(Target.sqlite(db)).changelog(changelogs()).withBackups(false).update();
        assertNotEquals(0, Files.size(db));
        return db;
    }

    private void pendingOne(Path db) throws Exception {
        Engine.on(Target.sqlite(db)).changelog(changelogs()).withBackups(false).rollbackCount(1);
        Thread.sleep(2);
    }
}
