package dev.strata.reliability;

import dev.strata.testing.Report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web and worker roles, as real processes on one SQLite file, serve a steady stream of submissions
 * while {@code migrate update} applies an upgrade that rebuilds the very table they write to.
 */
class ServiceUnderMigrationTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path JAR = ROOT.resolve("app/target/strata-app.jar");
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void noFailedRequestsAndNoLostWritesDuringAnUpgrade() throws Exception {
        Path db = dir.resolve("live.db");
        Engine.on(Target.sqlite(db)).update();
        Path upgrade = upgradeChangelogs();
        int port = 18_900 + (int) (ProcessHandle.current().pid() % 50);
        List<Process> services = new ArrayList<>();
        try {
            services.add(role(db, "web", "--port", Integer.toString(port)));
            services.add(role(db, "worker", "--poll-ms", "20"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI tasks = URI.create("http://127.0.0.1:" + port + "/tasks");
            waitUntilServing(http, URI.create("http://127.0.0.1:" + port + "/health"));

            Set<Long> acknowledged = new HashSet<>();
            List<String> failures = new ArrayList<>();
            long worstDuring = 0;
            long worstOtherwise = 0;
            Process migration = null;
            int upgradeEndedAt = -1;
            long start = System.nanoTime();
            int sent = 0;
            // Bounded: at most 4000 requests or 60 s. The upgrade starts after 150 requests; 150 more follow it.
            while (sent < 4000 && System.nanoTime() - start < 60_000_000_000L) {
                if (sent == 150) {
                    migration = migrate(db, upgrade);
                }
                boolean during = migration != null && migration.isAlive();
                if (migration != null && !during && upgradeEndedAt < 0) {
                    upgradeEndedAt = sent;
                }
                if (upgradeEndedAt >= 0 && sent >= upgradeEndedAt + 150) {
                    break;
                }
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(tasks)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"word-count\",\"input\":\"req " + sent + "\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    Matcher m = ID.matcher(response.body());
                    if (response.statusCode() == 201 && m.find()) {
                        acknowledged.add(Long.parseLong(m.group(1)));
                    } else {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
                long micros = (System.nanoTime() - t0) / 1000;
                if (during) {
                    worstDuring = Math.max(worstDuring, micros);
                } else {
                    worstOtherwise = Math.max(worstOtherwise, micros);
                }
                sent++;
            }
            assertEquals(0, migration.waitFor(), Files.readString(dir.resolve("migrate.log")));

            Set<Long> stored = new HashSet<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet rs = c.createStatement().executeQuery("SELECT id FROM task")) {
                while (rs.next()) {
                    stored.add(rs.getLong(1));
                }
            }
            Set<Long> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            Report.row("web + worker serving while `migrate update` rebuilds their table (" + sent + " requests)",
                    failures.size() + " failed requests, " + lost.size() + " lost writes of " + acknowledged.size()
                            + " acknowledged; worst latency " + worstDuring / 1000 + " ms during the upgrade, "
                            + worstOtherwise / 1000 + " ms otherwise");
            assertEquals(List.of(), failures);
            assertEquals(Set.of(), lost);
            assertTrue(Engine.on(Target.sqlite(db)).changelog(Changelog.directory(upgrade, "db/changelog/master.xml"))
                    .status().atHead(), "the upgrade was applied");
            assertTrue(Files.readString(dir.resolve("migrate.log")).contains("applied 9003-task-last-error-default"));
        } finally {
            for (Process p : services) {
                p.destroy();
                p.waitFor();
            }
        }
    }

    private Process role(Path db, String role, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), role, "--db", db.toString(),
                "--migrate", "check"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(role + ".log").toFile())
                .start();
    }

    private Process migrate(Path db, Path upgrade) throws IOException {
        return new ProcessBuilder(ROOT.resolve("deploy/bin/migrate").toString(), "update", "--db", db.toString(),
                "--search-path", upgrade.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("migrate.log").toFile()).start();
    }

    private static void waitUntilServing(HttpClient http, URI health) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("web did not start within 60 s");
    }

    /** The shipped changelogs plus an additive release: a new column, a rebuild of task, a new index. */
    private Path upgradeChangelogs() throws IOException {
        return UpgradeChangelogs.write(dir.resolve("upgrade"), new String[][] {
            {"9001-add-task-owner", "<addColumn tableName=\"task\"><column name=\"owner\" type=\"VARCHAR(64)\"/></addColumn>"},
            {"9002-index-task-kind", "<createIndex tableName=\"task\" indexName=\"ix_task_kind\"><column name=\"kind\"/></createIndex>"},
            {"9003-task-last-error-default", "<addDefaultValue tableName=\"task\" columnName=\"last_error\" defaultValue=\"\"/>"},
        });
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
