package dev.strata.app;

import dev.strata.cli.Migrate;
import dev.strata.engine.SqliteLibrary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run behind the class-data-sharing archive made at package time (README "Benchmarks"):
 * run under {@code -XX:ArchiveClassesAtExit}, it goes through every start-up path once (migrate into a new
 * file, migrate and status at head, a worker draining, the web role answering its first requests), so
 * the classes they load are read from the archive on later starts instead of being parsed and verified.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        SqliteLibrary.preload();
        PrintStream stdout = System.out;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        Path dir = Files.createTempDirectory("strata-training-");
        try {
            String db = dir.resolve("training.db").toString();
            PrintWriter none = new PrintWriter(quiet);
            require(Migrate.run(new String[] {"update", "--db", db}, none, none), "migrate update into a new file");
            require(Migrate.run(new String[] {"update", "--db", db}, none, none), "migrate update at head");
            require(Migrate.run(new String[] {"status", "--db", db}, none, none), "migrate status");
            require(Main.run(new String[] {"worker", "--db", db, "--drain"}), "worker --drain");
            web(db);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
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
        Thread web = new Thread(() -> Main.run(args), "training-web");
        web.setDaemon(true);
        web.start();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                if (!web.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the web role did not start during the training run");
                }
                Thread.sleep(20);
            }
        }
        http.send(HttpRequest.newBuilder(base.resolve("/tasks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"word-count\",\"input\":\"a b\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(base.resolve("/tasks")).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void require(int exitCode, String step) {
        if (exitCode != 0) {
            throw new IllegalStateException("training run: " + step + " exited " + exitCode);
        }
    }
}
