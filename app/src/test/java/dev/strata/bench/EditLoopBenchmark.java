package dev.strata.bench;

import dev.strata.testing.SyntheticSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The edit-to-classes loop ({@code -Dstrata.bench.only=edit-loop}): a copy of this reactor whose changelogs
 * are the 100-table, 200-changeset schema, built once and committed, then one changeset added and
 * {@code mvn -o -q compile} of the modules that produce the generated classes timed; the stock recipe does
 * the same with the same changelogs and the same added changeset. Between repetitions both go back to the
 * committed state and are rebuilt untimed, so every timing is "one changeset added to a warm build".
 */
final class EditLoopBenchmark {
    // A new table referencing the last one: stock Liquibase's addColumn cannot run on this schema on SQLite (its
    // table rebuild reads the foreign keys in one compound SELECT, over SQLite's limit of 500 terms at 100 tables).
    private static final String ADDED_ID = "0201-create-t101";
    private static final String ADDED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
              <changeSet id="0201-create-t101" author="test">
                <createTable tableName="t101">
                  <column name="id" type="INTEGER" autoIncrement="true"><constraints primaryKey="true"/></column>
                  <column name="note" type="VARCHAR(200)"/>
                  <column name="parent_id" type="INTEGER">
                    <constraints foreignKeyName="fk_t101_parent" referencedTableName="t100" referencedColumnNames="id"/>
                  </column>
                </createTable>
              </changeSet>
            </databaseChangeLog>
            """;
    private static final String CHANGELOGS = "schema/changelogs/src/main/resources/db/changelog";

    private final Path root;
    private final Path work;
    private final BenchTable table;

    EditLoopBenchmark(Path root, Path work, BenchTable table) {
        this.root = root;
        this.work = work;
        this.table = table;
    }

    void run(String stockPom) throws Exception {
        Path dir = Files.createDirectories(work.resolve("edit-loop"));
        Path strata = dir.resolve("strata");
        copyReactor(root, strata);
        Path strataChangelogs = strata.resolve(CHANGELOGS);
        Benchmarks.deleteTree(strataChangelogs);
        SyntheticSchema.write(strataChangelogs, 100);
        // The lock and the snapshot are the project's: the first build writes them for the 100-table changelogs.
        Files.deleteIfExists(strata.resolve("schema/changelogs/changelog.lock"));
        Files.deleteIfExists(strata.resolve("schema/changelogs/structure.sql"));
        List<String> strataBuild = List.of("mvn", "-q", "-o", "compile", "-pl", "schema/changelogs,generated", "-am");
        Benchmarks.run(strata, strataBuild);
        // Committed, so that the 200 changesets are released and the added one is new, as in a real clone.
        git(strata, "init", "-q");
        git(strata, "add", "-A");
        git(strata, "commit", "-q", "-m", "100-table schema");

        Path stock = dir.resolve("stock-recipe");
        Path stockChangelogs = stock.resolve("changelog/db/changelog");
        SyntheticSchema.write(stockChangelogs, 100);
        Files.writeString(stock.resolve("pom.xml"), stockPom);
        Path stockMaster = stockChangelogs.resolve("master.xml");
        String stockMasterText = Files.readString(stockMaster);
        List<String> stockBuild = List.of("mvn", "-q", "-o", "-Dliquibase.analytics.enabled=false", "compile");
        Benchmarks.run(stock, List.of("mvn", "-q", "-Dliquibase.analytics.enabled=false", "compile"));
        Path stockDb = stock.resolve("stock.db");
        Path stockDbWarm = dir.resolve("stock-warm.db");
        Files.copy(stockDb, stockDbWarm, StandardCopyOption.REPLACE_EXISTING);

        int runs = 3;
        double[] stockTimes = new double[runs];
        double[] strataTimes = new double[runs];
        for (int i = 0; i < runs; i++) {
            addChangeset(stockChangelogs);
            addChangeset(strataChangelogs);
            stockTimes[i] = Benchmarks.time(() -> Benchmarks.run(stock, stockBuild));
            strataTimes[i] = Benchmarks.time(() -> Benchmarks.run(strata, strataBuild));
            if (!Files.readString(strata.resolve("schema/changelogs/changelog.lock")).contains(ADDED_ID)
                    || !generated(strata.resolve("generated/target/classes"), "T101.class")) {
                throw new IllegalStateException("Strata's build did not lock and generate the added changeset in "
                        + strata);
            }
            // Back to the committed, warm state: sources restored, then one untimed build of each.
            Files.delete(stockChangelogs.resolve("changes/" + ADDED_ID + ".xml"));
            Files.writeString(stockMaster, stockMasterText);
            Files.copy(stockDbWarm, stockDb, StandardCopyOption.REPLACE_EXISTING);
            git(strata, "checkout", "-q", "--", ".");
            git(strata, "clean", "-q", "-f", "-d", "--", CHANGELOGS);
            Benchmarks.run(stock, stockBuild);
            Benchmarks.run(strata, strataBuild);
        }
        table.add("one changeset added to the 100-table project, `mvn -o -q compile` (median of " + runs + ")",
                "liquibase-maven-plugin + jooq-codegen-maven", BenchTable.median(stockTimes),
                BenchTable.median(strataTimes));
    }

    private static void addChangeset(Path changelogs) throws IOException {
        Files.writeString(changelogs.resolve("changes/" + ADDED_ID + ".xml"), ADDED);
        Path master = changelogs.resolve("master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "  <include file=\"changes/" + ADDED_ID + ".xml\" relativeToChangelogFile=\"true\"/>\n"
                        + "</databaseChangeLog>"));
    }

    private static boolean generated(Path classes, String name) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }

    /** The reactor's sources and build files, without build output or version control. */
    private static void copyReactor(Path from, Path to) throws IOException {
        Benchmarks.deleteTree(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path relative = from.relativize(p);
                if (relative.toString().isEmpty()) {
                    continue;
                }
                String first = relative.getName(0).toString();
                boolean skipped = first.equals(".git") || first.equals(".idea");
                for (Path part : relative) {
                    skipped |= part.toString().equals("target");
                }
                if (skipped) {
                    continue;
                }
                Path dest = to.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Benchmarks.run(dir, command);
    }
}
