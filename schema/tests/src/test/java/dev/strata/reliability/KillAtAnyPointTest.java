package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate update} as a real process, killed with SIGKILL at points spread across its whole run,
 * over an upgrade that adds tables and rebuilds a table holding rows. After every kill the database is at
 * exactly the old or the new head, intact, with every row, and the next update needs no lock clearing.
 */
class KillAtAnyPointTest {
    static final int OLD_TABLES = 10;
    static final int NEW_TABLES = 40;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesTheOldOrTheNewHead() throws Exception {
        Path oldChangelog = dir.resolve("old");
        SyntheticSchema.write(oldChangelog, OLD_TABLES);
        TestChangelogs upgrade = SyntheticSchema.write(dir.resolve("new"), NEW_TABLES);
        // A rebuild of a table with rows, inside the same upgrade.
        upgrade.add("9001-t001-name-unique", "<addUniqueConstraint tableName=\"t001\" columnNames=\"name\""
                + " constraintName=\"uq_t001_name\"/>");
        upgrade.add("9002-t002-amount-not-null", "<addNotNullConstraint tableName=\"t002\" columnName=\"amount\""
                + " columnDataType=\"DECIMAL(12,2)\" defaultNullValue=\"0\"/>");

        Path fixture = dir.resolve("fixture.db");
        Engine.on(Target.sqlite(fixture)).changelog(dev.strata.engine.Changelog.directory(oldChangelog, "master.xml"))
                .withBackups(false).update();
        try (Connection c = Databases.open(fixture); Statement s = c.createStatement()) {
            for (int t = 1; t <= OLD_TABLES; t++) {
                for (int r = 1; r <= 50; r++) {
                    s.execute(String.format("INSERT INTO t%03d (name, amount%s) VALUES ('row %d', %s%s)", t,
                            t > 1 ? ", parent_id" : "", r, r % 7 == 0 && t == 2 ? "NULL" : r + ".5", t > 1 ? ", " + r : ""));
                }
            }
        }
        int oldHead = Databases.applied(fixture);
        int newHead = 2 * NEW_TABLES + 2;
        List<String> tables = Databases.tables(fixture);
        Map<String, String> before = Databases.contents(fixture, tables);

        long fullRun = timeOfFullRun(fixture, upgrade);
        Map<String, String> after = Databases.contents(dir.resolve("timing.db"), tables);
        // Points up to 130% of a measured run: about 54 land inside the run, the rest after it commits.
        int trials = Report.longRun() ? 260 : 70;
        int atOld = 0;
        int atNew = 0;
        int other = 0;
        for (int i = 0; i < trials; i++) {
            long killAt = Math.max(1, fullRun * 13 * (i + 1) / (10L * trials));
            Path db = dir.resolve("trial.db");
            Files.copy(fixture, db, StandardCopyOption.REPLACE_EXISTING);
            Process process = MigrateProcess.start(db, upgrade, dir.resolve("trial.log"), "update", "--no-backup");
            if (!process.waitFor(killAt, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            int applied = Databases.applied(db);
            boolean intact = Databases.integrity(db).equals("ok") && Databases.lockedRows(db) == 0;
            Map<String, String> contents = Databases.contents(db, tables);
            if (applied == oldHead && intact && contents.equals(before)) {
                atOld++;
            } else if (applied == newHead && intact && contents.equals(after)) {
                atNew++;
            } else {
                other++;
            }
            Engine.on(Target.sqlite(db)).changelog(upgrade.changelog()).withBackups(false).update();
            assertEquals(newHead, Databases.applied(db), "the next update finishes the job, no lock clearing");
            Report.progress("KillAtAnyPointTest", i + 1, "of " + trials + " trials", 10);
        }
        long insideRun = java.util.stream.IntStream.range(0, trials)
                .filter(i -> fullRun * 13 * (i + 1) / (10L * trials) < fullRun).count();
        Report.row("kill -9 at any point during `migrate update` (" + (newHead - oldHead) + " changesets incl. table"
                + " rebuilds, run ≈ " + fullRun + " ms)", trials + " trials (" + insideRun + " kill points inside the"
                + " measured run): " + atOld + " at old head, " + atNew + " at new head, " + other + " other");
        assertEquals(0, other, "every kill left exactly the old or the new head");
        assertTrue(atOld > 0 && atNew > 0, "kills landed both before and after the commit: " + atOld + "/" + atNew);
    }

    private long timeOfFullRun(Path fixture, TestChangelogs upgrade) throws Exception {
        Path db = dir.resolve("timing.db");
        Files.copy(fixture, db, StandardCopyOption.REPLACE_EXISTING);
        long start = System.nanoTime();
        Process process = MigrateProcess.start(db, upgrade, dir.resolve("timing.log"), "update", "--no-backup");
        assertEquals(0, process.waitFor(), Files.readString(dir.resolve("timing.log")));
        return (System.nanoTime() - start) / 1_000_000;
    }
}
