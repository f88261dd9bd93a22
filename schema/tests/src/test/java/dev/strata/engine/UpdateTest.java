package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateTest {
    @TempDir
    Path dir;

    @Test
    void appliesTheShippedChangelogsThenFindsNothingToDo() throws Exception {
        Path db = dir.resolve("nested/strata.db");
        List<String> lines = new ArrayList<>();
        Engine engine = Engine.on(Target.sqlite(db)).reportingTo(lines::add);

        List<String> applied = engine.update();

        assertEquals(List.of("0001-create-task", "0002-create-artifact", "0003-index-task-queue",
                "0004-create-task-summary-view", "0005-add-task-claim", "0006-add-task-priority"), applied);
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(engine.status().atHead());
        assertEquals(List.of(), engine.update());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT sql FROM sqlite_master WHERE name = 'task'")) {
            rs.next();
            String sql = rs.getString(1);
            assertTrue(sql.contains("cancel_requested BOOLEAN DEFAULT 0 NOT NULL"), sql);
        }
    }
}
