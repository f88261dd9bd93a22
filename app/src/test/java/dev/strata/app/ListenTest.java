package dev.strata.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.SqliteOnly;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port another process holds: one line naming the port and what to do, and the database untouched. */
@SqliteOnly
class ListenTest {
    @TempDir
    Path dir;

    @Test
    void portInUseIsOneLineBeforeTheDatabaseIsOpened() throws Exception {
        Path db = dir.resolve("web.db");
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int exit = Main.run(new String[] {"web", "--db", db.toString(), "--port", Integer.toString(port)},
                    new PrintWriter(out, true), new PrintWriter(err, true));

            assertEquals(1, exit);
            assertEquals("web: port " + port + " on 127.0.0.1 is already in use by another process; stop that"
                    + " process or choose another --port\n", err.toString().replace("\r\n", "\n"));
            assertEquals("", out.toString());
            assertFalse(Files.exists(db), "the database was created although the role could not serve");
        }
    }

    /** The port is taken between the check and Jetty's bind: Jetty's failure is said the same way, silently. */
    @Test
    void portTakenAfterTheCheckIsSaidTheSameWay() throws Exception {
        Class.forName(Main.class.getName()); // its logging settings, as in the jar
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            RuntimeException failure;
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            try {
                failure = assertThrows(RuntimeException.class, () -> Javalin.create().start("127.0.0.1", port));
            } finally {
                System.setErr(stderr);
            }

            assertEquals("port " + port + " on 127.0.0.1 is already in use by another process; stop that process or"
                    + " choose another --port", Listen.describe(failure, "127.0.0.1", port).getMessage());
            String log = logged.toString(StandardCharsets.UTF_8);
            assertFalse(log.contains("\tat ") || log.contains("Exception"), "logged a stack trace:\n" + log);
        }
    }
}
