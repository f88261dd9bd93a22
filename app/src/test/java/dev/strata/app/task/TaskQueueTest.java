package dev.strata.app.task;

import static dev.strata.db.Tables.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.strata.db.tables.records.TaskRecord;
import dev.strata.testing.StrataDatabase;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@StrataDatabase
class TaskQueueTest {

    @Test
    void submittedTaskIsQueuedWithTypedDefaults(DSLContext db) {
        TaskQueue queue = new TaskQueue(db);
        TaskRecord submitted = queue.submit("word-count", "one two three");

        TaskRecord queued = queue.queued(10).get(0);
        assertEquals(submitted.getId(), queued.getId());
        assertEquals("queued", queued.getStatus());
        assertEquals(0, queued.getAttempts());
        assertFalse(queued.getCancelRequested());
        LocalDateTime created = queued.getCreatedAt();
        assertNotNull(created);
        long skewMinutes = Math.abs(ChronoUnit.MINUTES.between(created, LocalDateTime.now(ZoneOffset.UTC)));
        assertEquals(0, skewMinutes, "created_at is SQLite's UTC CURRENT_TIMESTAMP: " + created);
        assertEquals(1, db.fetchCount(TASK));
    }
}
