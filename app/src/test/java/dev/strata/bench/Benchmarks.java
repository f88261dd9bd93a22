package dev.strata.bench;

import dev.strata.codegen.JooqGenerator;
import dev.strata.codegen.SyntheticSchema;
import dev.strata.codegen.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
        bench.codegen100Tables();
        bench.noChangeRebuild();
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        System.out.println(bench.table.render());
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
            generator.generate(connection, work.resolve("warmup-stock"), false);
            generator.generate(connection, work.resolve("warmup-strata"), true);
            for (int i = 0; i < runs; i++) {
                stock[i] = time(() -> generator.generate(connection, work.resolve("stock"), false));
                strata[i] = time(() -> generator.generate(connection, work.resolve("strata"), true));
            }
        }
        table.add("jOOQ codegen, 100 tables / 200 changesets (warm JVM, median of " + runs + ")",
                "stock jOOQ SQLiteDatabase", BenchTable.median(stock), BenchTable.median(strata));
    }

    /** A build with nothing changed: the stock plugins rerun every time; Strata skips. */
    private void noChangeRebuild() throws Exception {
        Path stock = work.resolve("stock-recipe");
        Path changelog = stock.resolve("changelog/db/changelog");
        copyTree(root.resolve("schema/src/main/resources/db/changelog"), changelog);
        // Stock Liquibase's addColumn on SQLite leaves artifact's foreign key pointing at task_temporary,
        // and jOOQ then fails on the broken schema; the stock recipe gets the changelogs before 0005.
        Path master = changelog.resolve("master.xml");
        Files.writeString(master, Files.readString(master).replaceAll("(?m)^.*0005-add-task-claim.*\\R", ""));
        String pom;
        try (InputStream in = Benchmarks.class.getResourceAsStream("/bench/stock-recipe-pom.xml")) {
            pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        pom = pom.replace("@jooq.version@", System.getProperty("jooq.version"))
                .replace("@liquibase.version@", System.getProperty("liquibase.version"))
                .replace("@sqlite.version@", System.getProperty("sqlite.version"));
        Files.writeString(stock.resolve("pom.xml"), pom);
        List<String> stockBuild = List.of("mvn", "-q", "-Dliquibase.analytics.enabled=false", "compile");
        List<String> strataBuild = List.of("mvn", "-q", "-o", "compile", "-pl", "schema,generated");
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
