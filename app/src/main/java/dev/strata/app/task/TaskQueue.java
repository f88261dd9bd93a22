package dev.strata.app.task;

import static dev.strata.db.Tables.TASK;

import dev.strata.db.tables.records.TaskRecord;
import java.util.List;
import org.jooq.DSLContext;

/** The task queue as the services see it: every query typed through the generated classes. */
public final class TaskQueue {
    private final DSLContext db;

    public TaskQueue(DSLContext db) {
        this.db = db;
    }

    public TaskRecord submit(String kind, String input) {
        return db.insertInto(TASK).set(TASK.KIND, kind).set(TASK.INPUT, input).returning().fetchOne();
    }

    public List<TaskRecord> queued(int limit) {
        return db.selectFrom(TASK).where(TASK.STATUS.eq("queued")).orderBy(TASK.ID).limit(limit).fetch();
    }
}
