package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight {@code migrate update} processes started together on one database: one applies, all succeed. */
class ConcurrentMigratorsTest {
    @TempDir
    Path dir;

    @Test
    void exactlyOneAppliesAndAllExitZero() throws Exception {
        int migrators = 8;
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 30);
        Path db = dir.resolve("race.db");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < migrators; i++) {
            processes.add(MigrateProcess.start(db, changelogs, dir.resolve("m" + i + ".log"), "update"));
        }
        int exitZero = 0;
        int applied = 0;
        int upToDate = 0;
        for (int i = 0; i < migrators; i++) {
            if (processes.get(i).waitFor() == 0) {
                exitZero++;
            }
            String log = Files.readString(dir.resolve("m" + i + ".log"));
            applied += log.contains("Applied 60 changeset(s)") ? 1 : 0;
            upToDate += log.contains("is up to date; nothing to apply") ? 1 : 0;
        }
        int rows;
        int distinct;
        try (Connection c = Databases.open(db)) {
            rows = Integer.parseInt(Databases.scalar(c, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
            distinct = Integer.parseInt(Databases.scalar(c,
                    "SELECT COUNT(DISTINCT ID || '|' || AUTHOR || '|' || FILENAME) FROM DATABASECHANGELOG"));
        }
        Report.row(migrators + " `migrate update` processes at once on one database (60 changesets)",
                exitZero + " exited 0, " + applied + " applied, " + upToDate + " found nothing to do; "
                        + rows + " tracking rows, " + distinct + " distinct");
        assertEquals(migrators, exitZero);
        assertEquals(1, applied);
        assertEquals(migrators - 1, upToDate);
        assertEquals(60, rows);
        assertEquals(60, distinct);
    }
}
