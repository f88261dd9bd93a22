package dev.strata.app.task;

import static dev.strata.db.Tables.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.engine.Target;
import dev.strata.testing.StrataDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Every test writes the same unique key; each passes only if it has a database of its own. */
@StrataDatabase
@Execution(ExecutionMode.CONCURRENT)
class TemplateIsolationTest {
    static final java.util.Set<String> DATABASES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @RepeatedTest(8)
    void sameIdempotencyKeyInEveryTest(DSLContext db, Target target) {
        db.insertInto(TASK).set(TASK.KIND, "word-count").set(TASK.INPUT, "x").set(TASK.IDEMPOTENCY_KEY, "same-key")
                .execute();
        assertEquals(1, db.fetchCount(TASK), "no rows from other tests");
        assertEquals(true, DATABASES.add(target.url()), "a database of its own: " + target);
    }
}
