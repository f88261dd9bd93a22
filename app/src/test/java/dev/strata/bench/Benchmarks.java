package dev.strata.bench;

import dev.strata.codegen.JooqGenerator;
import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.testing.TemplateDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The project's benchmarks: each row measures the stock way and Strata's way in the same run.
 * Run with {@code mvn -q -Pbench verify -DskipTests}; rows print as they finish, then the table.
 */
public final class Benchmarks {
    private final Path root;
    private final Path work;
    private final BenchTable table = new BenchTable();

    private Benchmarks(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("strata.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("app/target/bench");
        deleteTree(work);
        Files.createDirectories(work);
        Benchmarks bench = new Benchmarks(root, work);
        // -Dstrata.bench.only=rebuild,codegen,... runs some rows only (names as below).
        java.util.Set<String> only = new java.util.HashSet<>(List.of(System.getProperty("strata.bench.only", "").split(",")));
        only.remove("");
        java.util.function.Predicate<String> runs = name -> only.isEmpty() || only.contains(name);
        if (runs.test("codegen")) {
            bench.codegen100Tables();
        }
        if (runs.test("no-change")) {
            bench.noChangeRebuild();
        }
        if (runs.test("edit-loop")) {
            new EditLoopBenchmark(root, work, bench.table).run(stockRecipePom());
        }
        if (runs.test("at-head")) {
            bench.updateAtHeadFreshProcess();
            bench.checkAtHeadInProcess();
        }
        if (runs.test("drift")) {
            bench.driftCheckAtHead("project schema", Changelog.classpath(), "drift-project");
            bench.driftCheckAtHead("100 tables / 200 changesets", SyntheticSchema.write(work.resolve("schema100-drift"),
                    100).changelog(), "drift-100");
        }
        if (runs.test("new-file")) {
            bench.updateNewFileFreshProcess();
        }
        if (runs.test("startup")) {
            bench.serviceStartup();
        }
        if (runs.test("per-test")) {
            bench.perTestDatabase("project schema", Changelog.classpath(), "task");
            bench.perTestDatabase("100 tables / 200 changesets", SyntheticSchema.write(work.resolve("schema100-tests"), 100)
                    .changelog(), "t100");
        }
        if (runs.test("rebuild")) {
            bench.rebuildLargeTable();
        }
        if (runs.test("postgres")) {
            new PostgresBenchmarks(root, work, bench.table).run(stockLiquibaseClasspath());
        }
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        System.out.println(bench.table.render());
        Files.writeString(work.resolve("table.md"), bench.table.render());
    }

    /** jOOQ code generation over the 100-table, 200-changeset schema: stock jOOQ vs cached metadata. */
    private void codegen100Tables() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(work.resolve("schema100"), 100);
        Target target = Target.sqlite(work.resolve("schema100.db"));
        Engine.on(target).changelog(changelogs.changelog()).withBackups(false).update();
        byte[] config = Files.readAllBytes(root.resolve("generated/codegen.xml"));
        JooqGenerator generator = new JooqGenerator(config);
        int runs = 3;
        double[] stock = new double[runs];
        double[] strata = new double[runs];
        try (Connection connection = target.openExisting()) {
            // Warm-ups: one stock run is long enough to warm the JIT; Strata's runs are short, so it gets three.
            generator.generate(connection, work.resolve("warmup-stock"), false);
            for (int i = 0; i < 3; i++) {
                generator.generate(connection, work.resolve("warmup-strata"), true);
            }
            for (int i = 0; i < runs; i++) {
                stock[i] = time(() -> generator.generate(connection, work.resolve("stock"), false));
                strata[i] = time(() -> generator.generate(connection, work.resolve("strata"), true));
            }
        }
        table.add("jOOQ codegen, 100 tables / 200 changesets (warm JVM, median of " + runs + ")",
                "stock jOOQ SQLiteDatabase", BenchTable.median(stock), BenchTable.median(strata));
    }

    /**
     * The project's changelogs as stock Liquibase can apply them: its addColumn on SQLite leaves artifact's
     * foreign key pointing at task_temporary and the next change fails, so it gets every changelog but those.
     */
    private void stockChangelogs(Path changelog) throws IOException {
        copyTree(root.resolve("schema/changelogs/src/main/resources/db/changelog"), changelog);
        Path master = changelog.resolve("master.xml");
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(master)) {
            java.util.regex.Matcher include = java.util.regex.Pattern.compile("file=\"([^\"]+)\"").matcher(line);
            if (include.find() && Files.readString(changelog.resolve(include.group(1))).contains("<addColumn")) {
                continue;
            }
            kept.append(line).append('\n');
        }
        Files.writeString(master, kept);
    }

    /** The stock recipe's pom, with this build's versions of jOOQ, Liquibase and the SQLite driver. */
    private static String stockRecipePom() throws IOException {
        try (InputStream in = Benchmarks.class.getResourceAsStream("/bench/stock-recipe-pom.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@jooq.version@", System.getProperty("jooq.version"))
                    .replace("@liquibase.version@", System.getProperty("liquibase.version"))
                    .replace("@sqlite.version@", System.getProperty("sqlite.version"));
        }
    }

    /** A build with nothing changed: the stock plugins rerun every time; Strata skips. */
    private void noChangeRebuild() throws Exception {
        Path stock = work.resolve("stock-recipe");
        stockChangelogs(stock.resolve("changelog/db/changelog"));
        Files.writeString(stock.resolve("pom.xml"), stockRecipePom());
        List<String> stockBuild = List.of("mvn", "-q", "-Dliquibase.analytics.enabled=false", "compile");
        List<String> strataBuild = List.of("mvn", "-q", "-o", "compile", "-pl", "schema/changelogs,generated", "-am");
        run(stock, stockBuild);
        run(root, strataBuild);
        int runs = 3;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        List<String> stockOffline = new ArrayList<>(stockBuild);
        stockOffline.add(1, "-o");
        for (int i = 0; i < runs; i++) {
            stockTimes[i] = time(() -> run(stock, stockOffline));
            strataTimes[i] = time(() -> run(root, strataBuild));
        }
        table.add("no-change rebuild of the generated classes, `mvn -o -q compile` (median of " + runs + ")",
                "liquibase-maven-plugin + jooq-codegen-maven", BenchTable.median(stockTimes),
                BenchTable.median(strataTimes));
        // Maven's own floor: the whole reactor compiled with nothing changed against `validate`, which runs no plugin.
        List<String> reactorCompile = List.of("mvn", "-q", "-o", "compile");
        List<String> reactorValidate = List.of("mvn", "-q", "-o", "validate");
        // Strata's own share: the same compile with its three goals skipped (every other plugin still runs).
        List<String> reactorWithoutStrata = List.of("mvn", "-q", "-o", "compile", "-Dstrata.skip=true");
        run(root, reactorCompile);
        double[] floor = new double[runs];
        double[] reactor = new double[runs];
        double[] withoutStrata = new double[runs];
        for (int i = 0; i < runs; i++) {
            floor[i] = time(() -> run(root, reactorValidate));
            reactor[i] = time(() -> run(root, reactorCompile));
            withoutStrata[i] = time(() -> run(root, reactorWithoutStrata));
        }
        table.add("no-change `mvn -o -q compile` of the whole reactor (median of " + runs + ")",
                "Maven's floor, `mvn -o -q validate` of the same reactor", BenchTable.median(floor),
                BenchTable.median(reactor));
        table.add("no-change `mvn -o -q compile` of the whole reactor, Strata's own share (median of " + runs + ")",
                "the same with Strata's goals skipped, `-Dstrata.skip=true`", BenchTable.median(withoutStrata),
                BenchTable.median(reactor));
    }

    /** {@code migrate update} on a database already at head, as a fresh process each time. */
    private void updateAtHeadFreshProcess() throws Exception {
        Path db = work.resolve("at-head.db");
        Engine.on(Target.sqlite(db)).update();
        List<String> strata = List.of(root.resolve("deploy/bin/migrate").toString(), "update", "--db", db.toString());
        List<String> stock = new ArrayList<>(List.of(javaBin(), "-Dliquibase.analytics.enabled=false", "-cp",
                stockLiquibaseClasspath(), "liquibase.integration.commandline.LiquibaseCommandLine",
                "--url=jdbc:sqlite:" + db, "--changelog-file=db/changelog/master.xml",
                "--search-path=" + root.resolve("schema/changelogs/src/main/resources"), "--show-banner=false", "update"));
        Optional<Alembic> alembic = Alembic.find(root);
        Path alembicDb = work.resolve("at-head-alembic.db");
        List<String> peer = alembic.map(a -> a.upgradeHead(alembicDb)).orElse(null);
        run(work, stock);
        run(work, strata);
        if (peer != null) {
            run(work, peer);
            run(work, peer);
        }
        int runs = 7;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        double[] peerTimes = new double[runs];
        for (int i = 0; i < runs; i++) {
            stockTimes[i] = time(() -> run(work, stock));
            strataTimes[i] = time(() -> run(work, strata));
            if (peer != null) {
                peerTimes[i] = time(() -> run(work, peer));
            }
        }
        String scenario = "`migrate update` at head, project schema, fresh process (median of " + runs + ")";
        table.add(scenario, "stock Liquibase 4.33 CLI `update`", BenchTable.median(stockTimes),
                BenchTable.median(strataTimes));
        addPeerRow(scenario, "`alembic upgrade head` at head", alembic, peerTimes, BenchTable.median(strataTimes));
    }

    /** A row against Alembic, or "not installed" when no python3 here can run it. */
    private void addPeerRow(String scenario, String what, Optional<Alembic> alembic, double[] peerTimes,
            double strataMillis) throws Exception {
        if (alembic.isEmpty()) {
            table.addMissing(scenario, "Alembic " + what);
        } else {
            table.add(scenario, alembic.get().version() + " " + what, BenchTable.median(peerTimes), strataMillis);
        }
    }

    /** {@code migrate update} of the project schema into a new file, fresh process: stock CLI, Alembic, Strata. */
    private void updateNewFileFreshProcess() throws Exception {
        Path dir = Files.createDirectories(work.resolve("new-file"));
        Path stockChangelogs = dir.resolve("stock-changelogs");
        stockChangelogs(stockChangelogs.resolve("db/changelog"));
        Optional<Alembic> alembic = Alembic.find(root);
        int runs = 5;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        double[] peerTimes = new double[runs];
        for (int i = -1; i < runs; i++) {
            Path stockDb = dir.resolve("stock-" + (i + 1) + ".db");
            Path strataDb = dir.resolve("strata-" + (i + 1) + ".db");
            Path peerDb = dir.resolve("alembic-" + (i + 1) + ".db");
            List<String> stock = List.of(javaBin(), "-Dliquibase.analytics.enabled=false", "-cp",
                    stockLiquibaseClasspath(), "liquibase.integration.commandline.LiquibaseCommandLine",
                    "--url=jdbc:sqlite:" + stockDb, "--changelog-file=db/changelog/master.xml",
                    "--search-path=" + stockChangelogs, "--show-banner=false", "update");
            // Strata's default backs up the file first; a new file has nothing to back up.
            List<String> strata = List.of(root.resolve("deploy/bin/migrate").toString(), "update", "--db",
                    strataDb.toString());
            double s = time(() -> run(dir, stock));
            double t = time(() -> run(dir, strata));
            double p = alembic.isPresent() ? time(() -> run(dir, alembic.get().upgradeHead(peerDb))) : 0;
            if (i >= 0) {
                stockTimes[i] = s;
                strataTimes[i] = t;
                peerTimes[i] = p;
            }
        }
        String scenario = "`migrate update` of the project schema into a new file, fresh process (median of " + runs
                + ")";
        table.add(scenario, "stock Liquibase 4.33 CLI `update` (the 4 changelogs without addColumn, which it"
                + " breaks on SQLite)", BenchTable.median(stockTimes), BenchTable.median(strataTimes));
        addPeerRow(scenario, "`alembic upgrade head` (the same six changes)", alembic, peerTimes,
                BenchTable.median(strataTimes));
    }

    /** The startup check in a warm JVM on the 100-table, 200-changeset schema: manifest vs tracking table. */
    private void checkAtHeadInProcess() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(work.resolve("schema100-check"), 100);
        Target target = Target.sqlite(work.resolve("check100.db"));
        Engine engine = Engine.on(target).changelog(changelogs.changelog()).withBackups(false);
        engine.update();
        int runs = 30;
        double[] stock = new double[runs];
        double[] strata = new double[runs];
        for (int i = -3; i < runs; i++) {
            double s = time(() -> {
                try (Connection c = target.open()) {
                    Liquibase stockEngine = new Liquibase("master.xml",
                            new DirectoryResourceAccessor(changelogs.root().toFile()),
                            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)));
                    if (!stockEngine.listUnrunChangeSets(new Contexts(), new LabelExpression()).isEmpty()) {
                        throw new IllegalStateException("stock Liquibase should see the database at head");
                    }
                }
            });
            double t = time(() -> {
                if (!engine.status().atHead()) {
                    throw new IllegalStateException("Strata should see the database at head");
                }
            });
            if (i >= 0) {
                stock[i] = s;
                strata[i] = t;
            }
        }
        table.add("\"at head?\" check in a warm JVM, 100 tables / 200 changesets (median of " + runs + ")",
                "stock Liquibase listUnrunChangeSets", BenchTable.median(stock), BenchTable.median(strata));
    }

    /**
     * The drift check on a database at head in a warm JVM: stock Liquibase's {@code diff} of its snapshot against
     * a reference database built from the same changelogs, vs {@code Engine.diff()} (tracking table and
     * sqlite_master against the expected schema: shipped in the jar, or rebuilt once for a folder's changelogs).
     */
    private void driftCheckAtHead(String schema, Changelog changelog, String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Target live = Target.sqlite(dir.resolve("live.db"));
        Target reference = Target.sqlite(dir.resolve("reference.db"));
        Engine engine = Engine.on(live).changelog(changelog).withBackups(false);
        engine.update();
        Engine.on(reference).changelog(changelog).withBackups(false).update();
        Work stockDiff = () -> {
            try (Connection a = reference.open(); Connection b = live.open()) {
                DatabaseFactory databases = DatabaseFactory.getInstance();
                liquibase.diff.DiffGeneratorFactory.getInstance().compare(
                        databases.findCorrectDatabaseImplementation(new JdbcConnection(a)),
                        databases.findCorrectDatabaseImplementation(new JdbcConnection(b)),
                        liquibase.diff.compare.CompareControl.STANDARD).areEqual();
            }
        };
        String stockFailure = null;
        try {
            stockDiff.run();
        } catch (Exception e) {
            stockFailure = String.valueOf(e.getMessage()).replaceAll("^.*?\\(", "(");
        }
        int runs = 15;
        double[] stock = new double[runs];
        double[] strata = new double[runs];
        for (int i = -3; i < runs; i++) {
            double s = stockFailure != null ? Double.NaN : time(stockDiff);
            double t = time(() -> {
                if (!engine.diff().none()) {
                    throw new IllegalStateException("an untouched database should show no drift");
                }
            });
            if (i >= 0) {
                stock[i] = s;
                strata[i] = t;
            }
        }
        String scenario = "drift check at head in a warm JVM, " + schema + " (median of " + runs + ")";
        String stockWay = "stock Liquibase `diff` against a reference database";
        if (stockFailure != null) {
            table.addStockFailed(scenario, stockWay + " fails " + stockFailure, BenchTable.median(strata));
        } else {
            table.add(scenario, stockWay, BenchTable.median(stock), BenchTable.median(strata));
        }
    }

    /**
     * A database ready to query for one test: stock Liquibase migrating a fresh file (warm JVM) vs a copy
     * of Strata's template, opened with foreign keys on and queried once.
     */
    private void perTestDatabase(String schema, Changelog changelog, String queried) throws Exception {
        Path dir = Files.createDirectories(work.resolve("per-test-" + queried));
        int stockRuns = 7;
        double[] stock = new double[stockRuns];
        for (int i = -2; i < stockRuns; i++) {
            Path file = dir.resolve("stock-" + (i + 2) + ".db");
            double t = time(() -> {
                try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
                    new Liquibase(changelog.master(), changelog.resources(),
                            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                            .update(new Contexts(), new LabelExpression());
                    query(c, queried);
                }
            });
            if (i >= 0) {
                stock[i] = t;
            }
        }
        TemplateDatabase template = TemplateDatabase.of(changelog, dir.resolve("template"));
        Path copies = Files.createTempDirectory(TemplateDatabase.scratchRoot(), "strata-bench-");
        int runs = 500;
        double[] strata = new double[runs];
        for (int i = -300; i < runs; i++) {
            Path file = copies.resolve("copy-" + (i + 300) + ".db");
            double t = time(() -> {
                try (Connection c = TemplateDatabase.dataSource(template.copyTo(file)).getConnection()) {
                    query(c, queried);
                }
            });
            if (i >= 0) {
                strata[i] = t;
            }
            Files.delete(file);
        }
        Files.delete(copies);
        table.add("per-test database ready to query, " + schema + " (median; stock " + stockRuns + " runs, Strata "
                + runs + ")", "stock Liquibase update into a fresh file (warm JVM)", BenchTable.median(stock),
                BenchTable.median(strata));
    }

    private static void query(Connection c, String table) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
        }
    }

    /** From process start to the first answered request, database at head: Strata's gate vs stock update. */
    private void serviceStartup() throws Exception {
        Path jar = root.resolve("app/target/strata-app.jar");
        Path db = work.resolve("startup.db");
        Engine.on(Target.sqlite(db)).update();
        String testClasses = root.resolve("app/target/test-classes").toString();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Through the launcher, as the image starts it: it adds the class-data archive and the extracted library.
        List<String> strata = List.of(root.resolve("deploy/bin/strata").toString(), "web", "--db", db.toString(),
                "--port", Integer.toString(port));
        List<String> stock = List.of(javaBin(), "-Dliquibase.analytics.enabled=false", "-cp",
                jar + java.io.File.pathSeparator + testClasses, "dev.strata.bench.StockStartup", db.toString(),
                Integer.toString(port));
        timeToServe(stock, port);
        timeToServe(strata, port);
        int runs = 5;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        for (int i = 0; i < runs; i++) {
            stockTimes[i] = timeToServe(stock, port);
            strataTimes[i] = timeToServe(strata, port);
        }
        table.add("web role: process start to first answered request, database at head (median of " + runs + ")",
                "same service running stock Liquibase `update` at startup", BenchTable.median(stockTimes),
                BenchTable.median(strataTimes));
    }

    private double timeToServe(List<String> command, int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI health = java.net.URI.create("http://127.0.0.1:" + port + "/health");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("startup.log").toFile()).start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("service exited; see " + work.resolve("startup.log"));
                }
                try {
                    if (http.send(java.net.http.HttpRequest.newBuilder(health).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                } catch (java.io.IOException notYet) {
                    // Not listening yet: a 2 ms pause instead of a spin, which took a core from the process timed.
                    Thread.sleep(2);
                }
                if (System.nanoTime() - start > 60_000_000_000L) {
                    throw new IllegalStateException("service did not answer within 60 s");
                }
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * A change SQLite can only make by rebuilding the table ({@code addDefaultValue}) on a 200,000-row table
     * with two indexes and a 50,000-row child, as a fresh process: stock Liquibase's own rebuild against
     * Strata's (with its post-condition checks); time and peak memory (VmHWM) of each process.
     */
    private void rebuildLargeTable() throws Exception {
        Path dir = Files.createDirectories(work.resolve("rebuild"));
        Path base = dir.resolve("base.db");
        try (Connection c = Target.sqlite(base).open(); java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER, c TEXT)");
            s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, big_id INTEGER REFERENCES big (id), note TEXT)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
                    + " INSERT INTO big SELECT i, 'name ' || i, i % 977, NULL FROM n");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
                    + " INSERT INTO child SELECT i, (i * 7) % 200000 + 1, 'x' FROM n");
            s.execute("CREATE INDEX ix_big_a ON big (a)");
            s.execute("CREATE INDEX ix_big_b ON big (b)");
            c.commit();
        }
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-default", "    <addDefaultValue tableName=\"big\" columnName=\"c\" defaultValue=\"none\"/>");
        int runs = 3;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        long[] stockPeak = new long[runs];
        long[] strataPeak = new long[runs];
        for (int i = 0; i < runs; i++) {
            Path stockDb = dir.resolve("stock-" + i + ".db");
            Path strataDb = dir.resolve("strata-" + i + ".db");
            Files.copy(base, stockDb);
            Files.copy(base, strataDb);
            List<String> stock = List.of(javaBin(), "-Dliquibase.analytics.enabled=false", "-cp", stockLiquibaseClasspath(),
                    "liquibase.integration.commandline.LiquibaseCommandLine", "--url=jdbc:sqlite:" + stockDb,
                    "--changelog-file=master.xml", "--search-path=" + changelogs.root(), "--show-banner=false", "update");
            List<String> strata = List.of(root.resolve("deploy/bin/migrate").toString(), "update", "--no-backup", "--db",
                    strataDb.toString(), "--search-path", changelogs.root().toString(), "--changelog-file", "master.xml");
            final int run = i;
            stockTimes[i] = time(() -> stockPeak[run] = runMeasuringPeak(dir, stock));
            strataTimes[i] = time(() -> strataPeak[run] = runMeasuringPeak(dir, strata));
        }
        String scenario = "rebuild of a 200,000-row table with 2 indexes and a 50,000-row child (`addDefaultValue`,"
                + " fresh process, median of " + runs + ")";
        table.add(scenario, "stock Liquibase 4.33 CLI `update`", BenchTable.median(stockTimes), BenchTable.median(strataTimes));
        table.addAmount("peak memory (VmHWM) of that process", "stock Liquibase 4.33 CLI",
                medianOf(stockPeak) / 1024.0, medianOf(strataPeak) / 1024.0, "MB");
    }

    private static double medianOf(long[] values) {
        return BenchTable.median(java.util.Arrays.stream(values).asDoubleStream().toArray());
    }

    /** Runs the command and returns the process's peak resident memory in kB, read from /proc while it runs. */
    static long runMeasuringPeak(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile()).start();
        Path status = Path.of("/proc/" + process.pid() + "/status");
        long peak = 0;
        while (process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended between isAlive and the read
            }
            Thread.sleep(5);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + "; see " + dir.resolve("build.log"));
        }
        return peak;
    }

    private static String javaBin() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** liquibase-core and its runtime dependencies, without Strata's extension. */
    private static String stockLiquibaseClasspath() throws Exception {
        List<String> jars = new ArrayList<>();
        for (String type : List.of("liquibase.Liquibase", "com.opencsv.CSVReader", "org.yaml.snakeyaml.Yaml",
                "javax.xml.bind.JAXBContext", "org.apache.commons.collections4.CollectionUtils",
                "org.apache.commons.text.StringSubstitutor", "org.apache.commons.lang3.StringUtils",
                "org.apache.commons.io.IOUtils", "org.sqlite.JDBC", "picocli.CommandLine")) {
            jars.add(Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    interface Work {
        void run() throws Exception;
    }

    static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + "; see "
                    + dir.resolve("build.log"));
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
