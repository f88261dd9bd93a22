package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Backup;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web role as a real process, on 127.0.0.1, under what took it down before: huge chunked bodies, slow
 * clients, and a migration (with its backup) of a large database while it keeps writing. Bounded: every
 * load has a fixed size and every wait a deadline.
 */
class HardOperationsTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path JAR = ROOT.resolve("app/target/strata-app.jar");

    @TempDir
    Path dir;

    final List<Process> started = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void chunkedBodiesOf100MiBGet413WithinASmallHeap() throws Exception {
        Path db = dir.resolve("bodies.db");
        Engine.on(Target.sqlite(db)).update();
        int port = freePort();
        Process web = web(db, port, "-Xmx64m");
        int streams = 8;
        long size = 100L * 1024 * 1024;
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        List<Future<String>> answers = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        for (int i = 0; i < streams; i++) {
            answers.add(pool.submit(() -> chunked(port, size, sent)));
        }
        for (Future<String> answer : answers) {
            String response = answer.get(120, TimeUnit.SECONDS);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("{\"error\":\"the request body is larger than"), response);
        }
        pool.shutdown();
        assertTrue(web.isAlive(), "the web process survived");
        assertEquals(200, health(port).statusCode());
        long peakKiB = peakResidentKiB(web);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM task")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing was written");
        }
        Report.row("large request bodies: " + streams + " concurrent chunked uploads of 100 MiB each to web at -Xmx64m",
                streams + " × 413, at most " + (dev.strata.app.web.WebServer.MAX_BODY_BYTES / 1024) + " KiB of each body held"
                + " in memory, the rest discarded as it arrived (" + sent.get() / (1024 * 1024) + " MiB sent in all);"
                + " process alive, /health 200, peak resident memory " + peakKiB / 1024 + " MiB");
    }

    @Test
    void healthKeepsAnsweringWhileSlowClientsHoldConnections() throws Exception {
        Path db = dir.resolve("slow.db");
        Engine.on(Target.sqlite(db)).update();
        int port = freePort();
        web(db, port, "-Dstrata.web.request-deadline-seconds=3");
        List<Socket> slow = new ArrayList<>();
        int headerTricklers = 100;
        int bodyTricklers = 250;
        for (int i = 0; i < headerTricklers + bodyTricklers; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(15_000);
            String head = i < headerTricklers ? "GET /health HTTP/1.1\r\nHost: x\r\n"
                    : "POST /tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n{";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            slow.add(s);
        }
        long worst = 0;
        int answered = 0;
        int probes = 0;
        long start = System.nanoTime();
        // For 8 s every slow client sends one more byte a second while /health is probed every 100 ms.
        while (System.nanoTime() - start < 8_000_000_000L) {
            if ((System.nanoTime() - start) / 1_000_000 % 1000 < 100) {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write('a');
                    } catch (IOException closedByServer) {
                        // the deadline passed: the server closed it
                    }
                }
            }
            long t0 = System.nanoTime();
            probes++;
            if (health(port).statusCode() == 200) {
                answered++;
            }
            worst = Math.max(worst, System.nanoTime() - t0);
            Thread.sleep(100);
        }
        int closed = 0;
        for (Socket s : slow) {
            try (s; InputStream in = s.getInputStream()) {
                in.readAllBytes(); // the server answers (408, 503) or closes: never holds on
                closed++;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // the server kept the connection: counted as not closed
            } catch (IOException reset) {
                closed++;
            }
        }
        assertEquals(probes, answered, "every /health probe answered 200");
        assertEquals(slow.size(), closed, "slow connections the server closed (or answered)");
        Report.row("slow clients: " + headerTricklers + " connections sending headers and " + bodyTricklers
                + " sending a body, one byte a second", answered + "/" + probes + " /health probes answered 200, worst "
                + worst / 1_000_000 + " ms; every slow connection answered (503 past 32 bodies at once) or closed at its 3 s"
                + " request deadline");
    }

    @Test
    void updateWithItsBackupFinishesWhileTheWebRoleKeepsWriting() throws Exception {
        Path db = dir.resolve("large.db");
        Engine.on(Target.sqlite(db)).update();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO task (kind, input) VALUES ('checksum', ?)")) {
                String input = "x".repeat(60_000);
                for (int i = 0; i < 2000; i++) {
                    insert.setString(1, input + i);
                    insert.executeUpdate();
                }
            }
            c.commit();
        }
        long megabytes = Files.size(db) / (1024 * 1024);
        // One changeset that indexes task.kind: a full pass over the table inside the update's transaction.
        Path upgrade = UpgradeChangelogs.write(dir.resolve("upgrade"), new String[][] {{"9001-index-task-kind",
            "<createIndex tableName=\"task\" indexName=\"ix_task_kind\"><column name=\"kind\"/></createIndex>"}});
        int port = freePort();
        web(db, port);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread writer = new Thread(() -> {
            // 20 submissions a second until interrupted.
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tasks"))
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"kind\":\"word-count\",\"input\":\"w " + i + "\"}")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status == 201 ? acknowledged : failed).incrementAndGet();
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            }
        });
        writer.start();
        long start = System.nanoTime();
        int before;
        Process migrate;
        String output;
        try {
            while (acknowledged.get() < 20) {
                Thread.sleep(10);
            }
            before = acknowledged.get();
            migrate = new ProcessBuilder(java(), "-jar", JAR.toString(), "migrate", "update", "--db", db.toString(),
                    "--search-path", upgrade.toString()).redirectErrorStream(true).start();
            start = System.nanoTime();
            output = new String(migrate.getInputStream().readAllBytes());
            assertTrue(migrate.waitFor(300, TimeUnit.SECONDS), "migrate update finished");
        } finally {
            writer.interrupt();
            writer.join();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int during = acknowledged.get() - before;
        assertEquals(0, migrate.exitValue(), output);
        assertTrue(output.contains("backed up large.db"), output);
        assertEquals(0, failed.get(), "failed requests");
        List<Path> backups = Backup.list(db);
        assertEquals(1, backups.size());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backups.get(0));
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        java.util.regex.Matcher backupTime = java.util.regex.Pattern.compile("MB in (\\d+) ms").matcher(output);
        Report.row("`migrate update` with its backup on a " + megabytes + " MB database while web takes 20 writes/s",
                "finished in " + millis + " ms, of which the backup " + (backupTime.find() ? backupTime.group(1) : "?")
                + " ms (" + Files.size(backups.get(0)) / (1024 * 1024) + " MB, integrity ok);"
                + " " + during + " writes acknowledged meanwhile, 0 failed");
    }

    private Process web(Path db, int port, String... jvm) throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvm));
        command.addAll(List.of("-jar", JAR.toString(), "web", "--db", db.toString(), "--migrate", "check", "--port",
                Integer.toString(port)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("web-" + port + ".log")
                .toFile()).start();
        started.add(p);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (health(port).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("web did not start: " + Files.readString(dir.resolve("web-" + port + ".log")));
    }

    private HttpResponse<String> health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a {@code size}-byte task body in 64 KiB chunks, stopping when the server answers or closes. */
    private static String chunked(int port, long size, AtomicLong sent) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /tasks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            byte[] prefix = "{\"kind\":\"checksum\",\"input\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, chunk, 0, prefix.length);
            String header = Integer.toHexString(chunk.length) + "\r\n";
            try {
                for (long written = 0; written < size; written += chunk.length) {
                    out.write(header.getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent.addAndGet(chunk.length);
                    java.util.Arrays.fill(chunk, 0, prefix.length, (byte) 'a');
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedEarly) {
                // the server answered and closed: read the answer below
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long peakResidentKiB(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
