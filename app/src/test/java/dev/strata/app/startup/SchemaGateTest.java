package dev.strata.app.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import dev.strata.testing.AtReleaseHead;
import dev.strata.testing.SqliteOnly;
import dev.strata.testing.StrataDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataDatabase
class SchemaGateTest {
    @TempDir
    Path dir;

    @Test
    @SqliteOnly
    void autoMigratesAFreshDatabase() {
        Path db = dir.resolve("fresh.db");
        List<String> log = new ArrayList<>();
        new SchemaGate(Target.sqlite(db), log::add).pass(MigrateMode.AUTO);
        assertTrue(Engine.on(Target.sqlite(db)).status().atHead());
        assertTrue(log.contains("schema migrated: 6 changeset(s) applied"), log.toString());
    }

    @Test
    @AtReleaseHead
    void checkPassesAtHeadAndRefusesPendingNamingThem(Target atHead) {
        List<String> log = new ArrayList<>();
        new SchemaGate(atHead, log::add).pass(MigrateMode.CHECK);
        assertEquals(List.of("schema at head"), log);

        Engine.on(atHead).withBackups(false).rollbackCount(2);
        SchemaException refused = assertThrows(SchemaException.class,
                () -> new SchemaGate(atHead, l -> { }).pass(MigrateMode.CHECK));
        assertTrue(refused.getMessage().contains("2 changeset(s) pending (0005-add-task-claim, 0006-add-task-priority)"),
                refused.getMessage());
    }

    @Test
    @SqliteOnly
    void checkRefusesAMissingDatabaseWithoutCreatingIt() {
        Path db = dir.resolve("absent.db");
        SchemaException refused = assertThrows(SchemaException.class,
                () -> new SchemaGate(Target.sqlite(db), l -> { }).pass(MigrateMode.CHECK));
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertFalse(Files.exists(db));
    }

    @Test
    @SqliteOnly
    void aHandEditedDatabaseIsRefusedAtStartupAndReportedAsDrift() throws Exception {
        Path db = dir.resolve("edited.db");
        Engine.on(Target.sqlite(db)).update();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("ALTER TABLE task DROP COLUMN last_error");
        }
        for (MigrateMode mode : List.of(MigrateMode.CHECK, MigrateMode.AUTO)) {
            SchemaException refused = assertThrows(SchemaException.class,
                    () -> new SchemaGate(Target.sqlite(db), l -> { }).pass(mode));
            assertTrue(refused.getMessage().startsWith("refusing to start: the schema of " + db)
                    && refused.getMessage().contains("changed table task: missing column last_error TEXT"),
                    mode + ": " + refused.getMessage());
        }
        SchemaGate.Health health = new SchemaGate(Target.sqlite(db), l -> { }).health();
        assertEquals("drift", health.schema());
        assertTrue(health.problem().contains("missing column last_error TEXT"), health.problem());
    }

    @Test
    @SqliteOnly
    void offLooksAtNothing() {
        Path db = dir.resolve("untouched.db");
        List<String> log = new ArrayList<>();
        new SchemaGate(Target.sqlite(db), log::add).pass(MigrateMode.OFF);
        assertFalse(Files.exists(db));
        assertEquals(List.of("schema check skipped (--migrate off)"), log);
    }
}
