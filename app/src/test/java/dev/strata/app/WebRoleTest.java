package dev.strata.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.app.startup.MigrateMode;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import dev.strata.testing.SqliteOnly;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web role binds its port while the schema check runs, and answers nothing until the check has passed:
 * a request sent meanwhile waits, then gets its answer; when the check refuses, it gets none, the port is
 * closed and the role says why.
 */
@SqliteOnly
class WebRoleTest {
    @TempDir
    Path dir;

    @Test
    void aRequestSentDuringTheCheckIsAnsweredOnlyAfterItPasses() throws Exception {
        Path db = atHead("held.db");
        int port = freePort();
        WebRole role = new WebRole(db.toString(), MigrateMode.CHECK, "127.0.0.1", port);
        CompletableFuture<Integer> serving;
        try (Lock lock = exclusive(db)) {
            serving = CompletableFuture.supplyAsync(() -> serve(role));
            try (Socket client = connectWhenBound(port, serving)) {
                send(client);
                client.setSoTimeout(500);
                // The check is blocked behind the lock: nothing may answer yet.
                assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
                lock.release();
                client.setSoTimeout(60_000);
                assertTrue(response(client.getInputStream()).startsWith("HTTP/1.1 200"));
            }
        } finally {
            role.stop();
        }
        assertEquals(0, serving.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aRefusedCheckAnswersNothingAndClosesThePort() throws Exception {
        Path db = atHead("pending.db");
        Engine.on(Target.sqlite(db)).withBackups(false).rollbackCount(1);
        byte[] before = Files.readAllBytes(db);
        int port = freePort();
        WebRole role = new WebRole(db.toString(), MigrateMode.CHECK, "127.0.0.1", port);
        CompletableFuture<Integer> serving;
        try (Lock lock = exclusive(db)) {
            serving = CompletableFuture.supplyAsync(() -> serve(role));
            try (Socket client = connectWhenBound(port, serving)) {
                send(client);
                lock.release();
                client.setSoTimeout(60_000);
                assertEquals("", response(client.getInputStream()), "answered although the check refused");
            }
        }
        Exception refused = assertThrows(Exception.class, () -> serving.get(60, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof SchemaException
                && refused.getCause().getMessage().contains("1 changeset(s) pending"), String.valueOf(refused.getCause()));
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // throws if still listening
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the refused database changed");
    }

    @Test
    void aMissingDatabaseUnderCheckIsRefusedWithoutCreatingItOrKeepingThePort() throws Exception {
        Path db = dir.resolve("absent.db");
        int port = freePort();

        SchemaException refused = assertThrows(SchemaException.class,
                () -> new WebRole(db.toString(), MigrateMode.CHECK, "127.0.0.1", port).serve());

        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertFalse(Files.exists(db));
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    private Path atHead(String name) {
        Path db = dir.resolve(name);
        Engine.on(Target.sqlite(db)).update();
        return db;
    }

    /** Holds the file so that no other connection can read it (as while a writer commits): the check waits. */
    private static Lock exclusive(Path db) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement();
        statement.execute("BEGIN EXCLUSIVE");
        return new Lock(connection, statement);
    }

    record Lock(Connection connection, Statement statement) implements AutoCloseable {
        void release() throws Exception {
            statement.execute("ROLLBACK");
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static int serve(WebRole role) {
        try {
            return role.serve();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A connection to the role's port once it is bound (the kernel completes it; the role accepts later). */
    private static Socket connectWhenBound(int port, CompletableFuture<Integer> serving) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException notYet) {
                if (serving.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("the role never bound port " + port + ": " + serving, notYet);
                }
                Thread.onSpinWait();
            }
        }
    }

    private static void send(Socket client) throws IOException {
        client.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    /** Everything the server sent before closing; "" when it closed (or reset) the connection unanswered. */
    private static String response(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException reset) {
            return "";
        }
    }
}
