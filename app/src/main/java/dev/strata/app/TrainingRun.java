package dev.strata.app;

import dev.strata.cli.Migrate;
import dev.strata.engine.SqliteLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training runs behind the class-data-sharing archives made at package time (README "Deploying"): run
 * under {@code -XX:ArchiveClassesAtExit}, each goes through its start-up paths once, so the classes they
 * load are mapped from the archive on later starts instead of being parsed and verified. Two archives,
 * because an archive costs start-up time in proportion to its size: {@code migrate DB} (update into a new
 * file, update and status at head; leaves DB at head) and {@code services DB} (a worker draining, the web
 * role answering its first requests, on that DB).
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("migrate") || args[0].equals("services"))) {
            throw new IllegalArgumentException("usage: TrainingRun migrate|services <db file>");
        }
        SqliteLibrary.preload();
        PrintStream stdout = System.out;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        String db = args[1];
        try {
            if (args[0].equals("migrate")) {
                Files.deleteIfExists(Path.of(db));
                PrintWriter none = new PrintWriter(quiet);
                require(Migrate.run(new String[] {"update", "--db", db}, none, none), "migrate update into a new file");
                require(Migrate.run(new String[] {"update", "--db", db}, none, none), "migrate update at head");
                require(Migrate.run(new String[] {"status", "--db", db}, none, none), "migrate status");
            } else {
                PrintWriter none = new PrintWriter(quiet);
                require(Main.run(new String[] {"worker", "--db", db, "--drain"}, none, none), "worker --drain");
                web(db);
            }
        } finally {
            System.setOut(stdout);
        }
        // Exit now: the archive is written at exit, and the web role's threads would keep the JVM alive.
        System.exit(0);
    }

    /** The web role as `strata web` starts it, until it has answered its first requests. */
    private static void web(String db) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String[] args = {"web", "--db", db, "--port", Integer.toString(port)};
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        // As the image starts it: the plain command line, without picocli's model.
        Thread web = new Thread(() -> {
            if (HotWeb.run(args, none) == null) {
                Main.run(args, none, none);
            }
        }, "training-web");
        web.setDaemon(true);
        web.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!request(port, "GET /health HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200")) {
            if (!web.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the web role did not start during the training run");
            }
            Thread.sleep(20);
        }
        String task = "{\"kind\":\"word-count\",\"input\":\"a b\"}";
        request(port, "POST /tasks HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + task.length()
                + "\r\n\r\n" + task);
        request(port, "GET /tasks HTTP/1.1\r\n\r\n");
    }

    /**
     * One request over a plain socket (an HTTP client library would put its own classes in the archive);
     * the response's first bytes, or "" when nothing answers yet.
     */
    private static String request(int port, String request) {
        String head = request.replaceFirst("\r\n", "\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException notYet) {
            return "";
        }
    }

    private static void require(int exitCode, String step) {
        if (exitCode != 0) {
            throw new IllegalStateException("training run: " + step + " exited " + exitCode);
        }
    }
}
