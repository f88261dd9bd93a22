package dev.strata.bench;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.worker.Worker;
import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.testing.PostgresServer;
import dev.strata.testing.PostgresTemplate;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

/**
 * The PostgreSQL rows ({@code -Dstrata.bench.only=postgres} runs only these): on a throwaway server started
 * from the installed binaries, as the tests do.
 */
final class PostgresBenchmarks {
    private final Path root;
    private final Path work;
    private final BenchTable table;
    private final PostgresServer server = PostgresServer.shared();

    PostgresBenchmarks(Path root, Path work, BenchTable table) {
        this.root = root;
        this.work = work;
        this.table = table;
    }

    void run(String stockClasspath) throws Exception {
        updateAtHeadFreshProcess(stockClasspath);
        perTestDatabase();
        workerThroughput();
    }

    private void updateAtHeadFreshProcess(String stockClasspath) throws Exception {
        String url = server.url(server.newDatabase("bench_at_head"));
        Engine.on(Target.parse(url)).update();
        List<String> strata = List.of(root.resolve("deploy/bin/migrate").toString(), "update", "--db", url);
        String driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> stock = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dliquibase.analytics.enabled=false", "-cp", stockClasspath + java.io.File.pathSeparator + driver,
                "liquibase.integration.commandline.LiquibaseCommandLine", "--url=" + url,
                "--changelog-file=db/changelog/master.xml", "--search-path=" + root.resolve("schema/changelogs/src/main/resources"),
                "--show-banner=false", "update");
        Benchmarks.run(work, stock);
        Benchmarks.run(work, strata);
        int runs = 5;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        for (int i = 0; i < runs; i++) {
            stockTimes[i] = Benchmarks.time(() -> Benchmarks.run(work, stock));
            strataTimes[i] = Benchmarks.time(() -> Benchmarks.run(work, strata));
        }
        table.add("PostgreSQL: `migrate update` at head, project schema, fresh process (median of " + runs + ")",
                "stock Liquibase 4.33 CLI `update`", BenchTable.median(stockTimes), BenchTable.median(strataTimes));
    }

    /** Stock: CREATE DATABASE, then Liquibase update into it. Strata: a clone of the template. Both queried once. */
    private void perTestDatabase() throws Exception {
        Changelog changelog = Changelog.classpath();
        int runs = 9;
        double[] stock = new double[runs];
        for (int i = -2; i < runs; i++) {
            double t = Benchmarks.time(() -> {
                String url = server.url(server.newDatabase("bench_stock"));
                try (Connection c = new org.postgresql.Driver().connect(url, new Properties())) {
                    new Liquibase(changelog.master(), changelog.resources(),
                            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                            .update(new Contexts(), new LabelExpression());
                    query(c);
                }
            });
            if (i >= 0) {
                stock[i] = t;
            }
        }
        PostgresTemplate template = PostgresTemplate.of(server, changelog);
        double[] strata = new double[runs];
        for (int i = -2; i < runs; i++) {
            double t = Benchmarks.time(() -> {
                try (Connection c = new org.postgresql.Driver().connect(server.url(template.copy()), new Properties())) {
                    query(c);
                }
            });
            if (i >= 0) {
                strata[i] = t;
            }
        }
        table.add("PostgreSQL: per-test database ready to query, project schema (median of " + runs + ")",
                "stock Liquibase update into a new database", BenchTable.median(stock), BenchTable.median(strata));
    }

    /** Two workers (threads, a pool each) draining the same queue, on a SQLite file and on PostgreSQL. */
    private void workerThroughput() throws Exception {
        int tasks = 1000;
        Target sqlite = Target.sqlite(work.resolve("throughput.db"));
        Target postgres = Target.parse(server.url(server.newDatabase("bench_queue")));
        double sqliteMillis = drain(sqlite, tasks);
        double postgresMillis = drain(postgres, tasks);
        table.add("worker throughput: 2 workers draining " + tasks + " tasks; SQLite " + perSecond(tasks, sqliteMillis)
                        + ", PostgreSQL " + perSecond(tasks, postgresMillis) + " (ratio: PostgreSQL against SQLite)",
                "SQLite file", sqliteMillis, postgresMillis);
    }

    private static String perSecond(int tasks, double millis) {
        return String.format("%.0f tasks/s", tasks * 1000 / millis);
    }

    private static double drain(Target target, int tasks) throws Exception {
        Engine.on(target).withBackups(false).update();
        try (AppDatabase a = AppDatabase.open(target); AppDatabase b = AppDatabase.open(target)) {
            TaskQueue queue = new TaskQueue(a.dsl());
            for (int i = 0; i < tasks; i++) {
                queue.submit(i % 2 == 0 ? "checksum" : "word-count", "input " + i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> ran = new ArrayList<>();
            long start = System.nanoTime();
            for (AppDatabase database : List.of(a, b)) {
                String id = "bench-" + ran.size();
                ran.add(pool.submit(() -> new Worker(new TaskQueue(database.dsl()), TaskKinds.standard(), id,
                        Duration.ofMinutes(5), line -> { }).drain()));
            }
            int total = 0;
            for (Future<Integer> f : ran) {
                total += f.get();
            }
            double millis = (System.nanoTime() - start) / 1e6;
            pool.shutdown();
            if (total != tasks) {
                throw new IllegalStateException("workers ran " + total + " of " + tasks + " tasks on " + target);
            }
            return millis;
        }
    }

    private static void query(Connection c) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM task")) {
            rs.next();
        }
    }
}
