package dev.strata.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.strata.db.tables.records.TaskRecord;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskQueueTest {
    @TempDir
    Path dir;

    @Test
    void submittedTaskIsQueuedWithTypedDefaults() throws Exception {
        Target target = Target.sqlite(dir.resolve("app.db"));
        Engine.on(target).update();
        try (Connection connection = target.open()) {
            TaskQueue queue = new TaskQueue(DSL.using(connection, SQLDialect.SQLITE));
            TaskRecord submitted = queue.submit("word-count", "one two three");

            TaskRecord queued = queue.queued(10).get(0);
            assertEquals(submitted.getId(), queued.getId());
            assertEquals("queued", queued.getStatus());
            assertEquals(0, queued.getAttempts());
            assertFalse(queued.getCancelRequested());
            LocalDateTime created = queued.getCreatedAt();
            assertNotNull(created);
            long skewSeconds = Math.abs(ChronoUnit.SECONDS.between(created, LocalDateTime.now(java.time.ZoneOffset.UTC)));
            assertEquals(0, skewSeconds / 60, "created_at is SQLite's UTC CURRENT_TIMESTAMP: " + created);
        }
    }
}
