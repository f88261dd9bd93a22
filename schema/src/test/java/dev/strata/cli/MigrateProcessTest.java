package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.codegen.SyntheticSchema;
import dev.strata.codegen.TestChangelogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate as real processes: killed mid-update, and two at once on one database. */
class MigrateProcessTest {
    static final int TABLES = 60;

    @TempDir
    static Path shared;

    static TestChangelogs changelogs;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeChangelogs() throws IOException {
        changelogs = SyntheticSchema.write(shared.resolve("changelog"), TABLES);
    }

    static ProcessBuilder migrate(Path db, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "dev.strata.cli.Migrate"));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", db.toString(), "--search-path", changelogs.root().toString(),
                "--changelog-file", "master.xml"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    @Test
    void killedAtAnyPointLeavesTheOldHeadAndNoStuckLock() throws Exception {
        Path db = dir.resolve("kill.db");
        int oldHead = 0;
        int killedMidway = 0;
        for (int delay : new int[] {150, 400, 700, 1000, 1300, 1700}) {
            Process process = migrate(db, dir.resolve("kill.log"), "update", "--no-backup").start();
            boolean finished = process.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
                killedMidway++;
            }
            int applied = appliedCount(db);
            assertTrue(applied == 0 || applied == 2 * TABLES, "all or nothing, got " + applied + " after " + delay + " ms");
            if (applied == 0) {
                oldHead++;
                assertEquals("ok", pragma(db, "integrity_check"));
                assertEquals(0, lockedRows(db), "no stuck lock");
            } else {
                break;
            }
        }
        assertTrue(killedMidway > 0 && oldHead > 0, "at least one kill landed mid-update");
        Process next = migrate(db, dir.resolve("next.log"), "update").start();
        assertEquals(0, next.waitFor(), Files.readString(dir.resolve("next.log")));
        assertEquals(2 * TABLES, appliedCount(db));
        assertEquals("ok", pragma(db, "integrity_check"));
    }

    @Test
    void twoMigratorsAtOnceOneAppliesTheOtherFindsNothingToDo() throws Exception {
        Path db = dir.resolve("race.db");
        Process a = migrate(db, dir.resolve("a.log"), "update").start();
        Process b = migrate(db, dir.resolve("b.log"), "update").start();
        assertEquals(0, a.waitFor(), Files.readString(dir.resolve("a.log")));
        assertEquals(0, b.waitFor(), Files.readString(dir.resolve("b.log")));
        String outputs = Files.readString(dir.resolve("a.log"), StandardCharsets.UTF_8)
                + Files.readString(dir.resolve("b.log"), StandardCharsets.UTF_8);
        assertEquals(1, count(outputs, "Applied " + 2 * TABLES + " changeset(s)"), outputs);
        assertEquals(1, count(outputs, "is up to date; nothing to apply"), outputs);
        assertEquals(2 * TABLES, appliedCount(db));
        assertEquals(2 * TABLES, scalar(db, "SELECT COUNT(DISTINCT ID || AUTHOR || FILENAME) FROM DATABASECHANGELOG"));
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    static int appliedCount(Path db) throws Exception {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.getMetaData().getTables(null, null, "DATABASECHANGELOG", null)) {
            if (!rs.next()) {
                return 0;
            }
        }
        return scalar(db, "SELECT COUNT(*) FROM DATABASECHANGELOG");
    }

    static int lockedRows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.getMetaData().getTables(null, null, "DATABASECHANGELOGLOCK", null)) {
            if (!rs.next()) {
                return 0;
            }
        }
        return scalar(db, "SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = 1");
    }

    static int scalar(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String pragma(Path db, String pragma) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA " + pragma)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
