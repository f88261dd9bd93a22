package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Migrate;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrate path makes no host-name lookups: with a slow or unreachable DNS server each would stall it. */
class NoNetworkLookupTest {
    @TempDir
    Path dir;

    @Test
    void updateAndItsLockRowNeedNoLookup() throws Exception {
        Path db = dir.resolve("fresh.db");
        Process migrate = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.security.manager=allow", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Recorder.class.getName(), "update", "--db", db.toString()).redirectErrorStream(true).start();
        String output = new String(migrate.getInputStream().readAllBytes());
        assertEquals(0, migrate.waitFor(), output);
        assertTrue(output.contains("Applied "), output);
        assertFalse(output.contains("LOOKUP"), "host-name lookups on the migrate path: " + output);
    }

    /** Runs migrate under a security manager that reports every name lookup (checkConnect with port -1). */
    public static final class Recorder {
        @SuppressWarnings("removal")
        public static void main(String[] args) {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(java.security.Permission perm) {
                    // everything is allowed; only lookups are reported
                }

                @Override
                public void checkConnect(String host, int port) {
                    if (port == -1) {
                        System.out.println("LOOKUP " + host);
                    }
                }
            });
            System.exit(Migrate.run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
        }
    }
}
