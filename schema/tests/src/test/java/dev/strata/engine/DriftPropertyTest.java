package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Drift on generated cases: a random hand edit (a column added, dropped or renamed, an index or view dropped or
 * added, a table or trigger added), at head or behind it, is always reported and names the object it touched;
 * a database only ever changed by update and rollback never reports drift.
 */
class DriftPropertyTest {
    private static final List<String> TABLES = List.of("task", "artifact");
    // Columns SQLite lets a hand edit drop or rename: no key, index, view or foreign key uses them.
    private static final List<String> LOOSE_COLUMNS = List.of("task.input", "task.attempts", "task.max_attempts",
            "task.updated_at", "task.claimed_by", "task.last_error", "task.cancel_requested", "artifact.media_type",
            "artifact.content", "artifact.created_at");
    private static final List<String> TYPES = List.of("TEXT", "INTEGER", "REAL", "BLOB", "VARCHAR(32)", "NUMERIC");
    private static Path work;
    private static Path atHead;

    @BeforeContainer
    static void migrateOnce() throws IOException {
        work = Files.createTempDirectory("strata-drift-property");
        atHead = work.resolve("head.db");
        Engine.on(Target.sqlite(atHead)).withBackups(false).update();
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.walk(work)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** A hand edit and the object it touches ("table task"). */
    record Edit(String sql, String object) {
    }

    @Property(tries = 40)
    void everyHandEditIsReportedAsDrift(@ForAll("seeds") long seed) throws Exception {
        Random r = new Random(seed);
        Target target = copy();
        int behind = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; // mostly at head, sometimes rebuilt behind it
        if (behind > 0) {
            Engine.on(target).withBackups(false).rollbackCount(behind);
        }
        Edit edit = edit(r);
        Assume.that(tryExecute(target, edit.sql())); // e.g. a column that the rollback already removed

        Drift drift = Engine.on(target).diff();

        assertFalse(drift.none(), edit + " after rolling back " + behind + " was not reported");
        assertTrue(drift.differences().stream().anyMatch(d -> d.object().equalsIgnoreCase(edit.object())),
                edit + " reported as " + drift.summary(10));
    }

    @Property(tries = 12)
    void aDatabaseChangedOnlyByUpdateAndRollbackNeverDrifts(@ForAll("seeds") long seed) throws Exception {
        Random r = new Random(seed);
        Target target = copy();
        Engine engine = Engine.on(target).withBackups(false);
        for (int step = 0; step < 1 + r.nextInt(2); step++) {
            int applied = engine.history().size();
            if (applied > 0 && r.nextBoolean()) {
                engine.rollbackCount(1 + r.nextInt(applied));
            } else {
                engine.update();
            }
            Drift drift = engine.diff();
            assertTrue(drift.none(), "step " + step + ": " + drift.summary(10));
        }
        assertEquals(List.of(), engine.update().stream().filter(id -> id.isBlank()).toList());
        assertTrue(engine.diff().none());
    }

    static Edit edit(Random r) {
        String table = TABLES.get(r.nextInt(TABLES.size()));
        String name = "x" + Integer.toString(r.nextInt(1 << 20), 36);
        String loose = LOOSE_COLUMNS.get(r.nextInt(LOOSE_COLUMNS.size()));
        String looseTable = loose.substring(0, loose.indexOf('.'));
        String looseColumn = loose.substring(loose.indexOf('.') + 1);
        String type = TYPES.get(r.nextInt(TYPES.size()));
        return switch (r.nextInt(9)) {
            case 0 -> new Edit("ALTER TABLE " + table + " ADD COLUMN " + name + " " + type
                    + (r.nextBoolean() ? "" : " DEFAULT " + r.nextInt(100)), "table " + table);
            case 1 -> new Edit("ALTER TABLE " + looseTable + " DROP COLUMN " + looseColumn, "table " + looseTable);
            case 2 -> new Edit("ALTER TABLE " + looseTable + " RENAME COLUMN " + looseColumn + " TO " + name,
                    "table " + looseTable);
            case 3 -> r.nextBoolean() ? new Edit("DROP INDEX ix_task_status_id", "index ix_task_status_id")
                    : new Edit("DROP INDEX uq_artifact_task_name", "index uq_artifact_task_name");
            case 4 -> new Edit("CREATE " + (r.nextBoolean() ? "UNIQUE " : "") + "INDEX " + name + " ON " + looseTable
                    + "(" + looseColumn + ")", "index " + name);
            case 5 -> new Edit("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, v " + type + ")", "table " + name);
            case 6 -> new Edit("DROP VIEW task_summary", "view task_summary");
            case 7 -> new Edit("CREATE VIEW " + name + " AS SELECT id FROM " + table, "view " + name);
            default -> new Edit("CREATE TRIGGER " + name + " AFTER INSERT ON " + table + " BEGIN SELECT 1; END",
                    "trigger " + name);
        };
    }

    private static Target copy() throws IOException {
        Path file = Files.createTempFile(work, "case", ".db");
        Files.copy(atHead, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Target.sqlite(file);
    }

    private static boolean tryExecute(Target target, String sql) {
        try (Connection c = target.open(); Statement s = c.createStatement()) {
            s.execute(sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
