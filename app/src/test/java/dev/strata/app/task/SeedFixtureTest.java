package dev.strata.app.task;

import static dev.strata.db.Tables.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.testing.StrataDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@StrataDatabase(seed = {"fixtures/two-tasks.sql", "fixtures/task.csv"})
class SeedFixtureTest {

    @Test
    void sqlAndCsvFixturesAreAppliedToTheCopy(DSLContext db) {
        List<String> inputs = db.select(TASK.INPUT).from(TASK).orderBy(TASK.ID).fetch(TASK.INPUT);
        assertEquals(List.of("alpha beta", "gamma", "from csv"), inputs);
        assertEquals(5, new TaskQueue(db).queued(10).stream().mapToInt(t -> t.getPriority()).max().orElse(-1));
    }
}
