package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Databases as earlier releases left them, built from the changelogs as they stood at that release (the
 * lock guarantees released changesets never change) and filled with realistic rows; today's update brings
 * each to head with every row accounted for.
 */
class UpgradeFromOldInstallsTest {
    static final Path SHIPPED = Path.of("src/main/resources/db/changelog");

    @TempDir
    Path dir;

    /** Releases by how many of the shipped changesets they had: 2 (tasks, artifacts), 4 (+index, view), 5 (+claims). */
    @ParameterizedTest(name = "release with {0} changesets")
    @ValueSource(ints = {2, 4, 5})
    void upgradesToHeadKeepingEveryRow(int changesets) throws Exception {
        Path db = dir.resolve("release-" + changesets + ".db");
        Engine.on(Target.sqlite(db)).changelog(release(changesets)).withBackups(false).update();
        try (Connection c = Databases.open(db); Statement s = c.createStatement()) {
            for (int i = 1; i <= 120; i++) {
                String status = List.of("queued", "running", "done", "failed").get(i % 4);
                s.execute("INSERT INTO task (kind, input, status, attempts, idempotency_key) VALUES ('"
                        + (i % 2 == 0 ? "word-count" : "checksum") + "', 'input " + i + " ünïcödé', '" + status + "', "
                        + (i % 3) + ", " + (i % 5 == 0 ? "'key-" + i + "'" : "NULL") + ")");
                if (status.equals("done")) {
                    s.execute("INSERT INTO artifact (task_id, name, media_type, content) VALUES (" + i
                            + ", 'out.txt', 'text/plain', 'result " + i + "')");
                }
            }
            if (changesets >= 5) {
                s.execute("UPDATE task SET claimed_by = 'worker-1', last_error = 'boom' WHERE status = 'failed'");
            }
        }
        String oldTasks = columns(db, "SELECT id, kind, input, status, attempts, idempotency_key, created_at FROM task ORDER BY id");
        String oldArtifacts = columns(db, "SELECT id, task_id, name, media_type, content FROM artifact ORDER BY id");

        List<String> applied = Engine.on(Target.sqlite(db)).update();

        assertEquals(6 - changesets, applied.size());
        assertTrue(Engine.on(Target.sqlite(db)).status().atHead());
        assertEquals("ok", Databases.integrity(db));
        assertEquals(oldTasks, columns(db, "SELECT id, kind, input, status, attempts, idempotency_key, created_at FROM task ORDER BY id"));
        assertEquals(oldArtifacts, columns(db, "SELECT id, task_id, name, media_type, content FROM artifact ORDER BY id"));
        assertEquals("120|0|0", columns(db, "SELECT COUNT(*), SUM(priority), SUM(cancel_requested) FROM task"));
        Report.row("upgrade from the release with " + changesets + " changesets (120 tasks, 30 artifacts)",
                "at head after " + applied.size() + " changeset(s); every task and artifact row identical");
    }

    @Test
    void aDatabaseBelowTheUpgradeFloorIsRefused() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("floor"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "v INTEGER"));
        Path db = dir.resolve("ancient.db");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "v INTEGER"));
        changelogs.add("0003-create-c", TestChangelogs.createTable("c", "v INTEGER"));
        Path master = changelogs.root().resolve("master.xml");
        Files.writeString(master, Files.readString(master).replace("<include file=\"changes/0001",
                "<property name=\"strata.upgrade-floor\" value=\"0002-create-b\"/>\n  <include file=\"changes/0001"));
        byte[] before = Files.readAllBytes(db);

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).update());

        assertTrue(e.getMessage().startsWith("the database is older than this release can upgrade: it has 1 changeset(s)"
                + " but not 0002-create-b (changes/0002-create-b.xml), the upgrade floor"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
        Path fresh = dir.resolve("fresh.db");
        assertEquals(3, Engine.on(Target.sqlite(fresh)).changelog(changelogs.changelog()).update().size(),
                "a new database is not below any floor");
    }

    /** The shipped changelogs as they stood when the release had its first {@code count} changesets. */
    private Changelog release(int count) throws Exception {
        Path root = dir.resolve("release-" + count);
        Path changelog = Files.createDirectories(root.resolve("db/changelog/changes"));
        try (Stream<Path> files = Files.list(SHIPPED.resolve("changes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, changelog.resolve(file.getFileName()));
            }
        }
        List<String> kept = new ArrayList<>();
        int includes = 0;
        for (String line : Files.readAllLines(SHIPPED.resolve("master.xml"))) {
            if (line.contains("<include ") && ++includes > count) {
                continue;
            }
            kept.add(line);
        }
        Files.write(root.resolve("db/changelog/master.xml"), kept);
        return Changelog.directory(root, "db/changelog/master.xml");
    }

    private static String columns(Path db, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = Databases.open(db); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    out.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.append('\n');
            }
        }
        return out.toString().strip();
    }
}
