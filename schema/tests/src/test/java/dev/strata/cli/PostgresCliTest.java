package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.MigrateRun;
import dev.strata.testing.PostgresServer;
import org.junit.jupiter.api.Test;

/** The migrate command on PostgreSQL: exit codes, output and bad connection details, as a user sees them. */
class PostgresCliTest {
    private final PostgresServer server = PostgresServer.shared();

    @Test
    void statusUpdateStatusOnAnEmptyDatabase() {
        String url = server.url(server.newDatabase("cli"));
        MigrateRun pending = MigrateRun.migrate("status", "--db", url);
        assertEquals(3, pending.exit(), pending.err());
        assertTrue(pending.out().contains("State:    6 changeset(s) pending"), pending.out());

        MigrateRun update = MigrateRun.migrate("update", "--db", url);
        assertEquals(0, update.exit(), update.err());
        assertTrue(update.out().contains("Applied 6 changeset(s) to jdbc:postgresql://"), update.out());
        assertFalse(update.out().contains("no backup taken"), "an empty database has nothing to back up");

        MigrateRun again = MigrateRun.migrate("update", "--db", url);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("is up to date; nothing to apply"), again.out());
        assertEquals(0, MigrateRun.migrate("status", "--db", url).exit());
        for (MigrateRun r : new MigrateRun[] {pending, update, again}) {
            assertFalse((r.out() + r.err()).contains(server.password()), "no password printed");
        }
    }

    @Test
    void wrongPasswordIsOneLineOnStderrExitOne() {
        String url = server.url(server.newDatabase("cli_bad")).replace(server.password(), "hunter2-not-it");
        MigrateRun result = MigrateRun.migrate("update", "--db", url);
        assertEquals(1, result.exit());
        assertEquals("", result.out());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("migrate: cannot open database "), result.err());
        assertTrue(result.err().contains("password authentication failed"), result.err());
        assertFalse(result.err().contains("hunter2-not-it"), result.err());
    }
}
