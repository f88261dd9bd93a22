package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import dev.strata.postgres.PgSnapshot;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three {@code migrate update} processes started together on one empty PostgreSQL database. */
class PostgresConcurrentMigratorsTest {
    @TempDir
    Path dir;

    @Test
    void oneAppliesTheOthersFindNothingToDoAndAllExitZero() throws Exception {
        int migrators = 3;
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 30);
        PostgresServer server = PostgresServer.shared();
        String url = server.url(server.newDatabase("race"));
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < migrators; i++) {
            processes.add(MigrateProcess.start(url, changelogs, dir.resolve("m" + i + ".log"), "update"));
        }
        int exitZero = 0;
        int applied = 0;
        int upToDate = 0;
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < migrators; i++) {
            if (processes.get(i).waitFor() == 0) {
                exitZero++;
            }
            String log = Files.readString(dir.resolve("m" + i + ".log"));
            logs.append(log);
            applied += log.contains("Applied 60 changeset(s)") ? 1 : 0;
            upToDate += log.contains("is up to date; nothing to apply") ? 1 : 0;
        }
        List<String> counts;
        try (Connection c = new org.postgresql.Driver().connect(url, new java.util.Properties())) {
            counts = PgSnapshot.rows(c, "SELECT COUNT(*), COUNT(DISTINCT id || '|' || author || '|' || filename)"
                    + " FROM databasechangelog");
        }
        Report.row(migrators + " `migrate update` processes at once on one empty PostgreSQL database (60 changesets)",
                exitZero + " exited 0, " + applied + " applied, " + upToDate + " found nothing to do; "
                        + counts.get(0).replace(" | ", " tracking rows, ") + " distinct");
        assertEquals(migrators, exitZero, logs.toString());
        assertEquals(1, applied, logs.toString());
        assertEquals(migrators - 1, upToDate, logs.toString());
        assertEquals(List.of("60 | 60"), counts);
    }
}
