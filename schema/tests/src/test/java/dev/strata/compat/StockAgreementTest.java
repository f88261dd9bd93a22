package dev.strata.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stock Liquibase (its own JVM, no Strata class) and Strata agree on each other's databases. */
class StockAgreementTest {
    @TempDir
    Path dir;

    @Test
    void stockLiquibaseSeesAStrataDatabaseOfTheShippedChangelogsAsUpToDate() throws Exception {
        Path changelogs = dir.resolve("changelogs");
        Path shipped = Path.of(Changelog.class.getClassLoader().getResource(Changelog.MASTER).toURI()).getParent();
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = changelogs.resolve("db/changelog").resolve(shipped.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        Path db = dir.resolve("strata.db");
        Engine.on(Target.sqlite(db)).update();

        StockLiquibase.Result status = new StockLiquibase(List.of()).run(db, changelogs, Changelog.MASTER, "status");

        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("is up to date"), status.output());
    }

    @Test
    void strataSeesADatabaseStockLiquibaseUpdatedAsAtHead() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        changelogs.add("0002-index-a", "<createIndex tableName=\"a\" indexName=\"ix_a\"><column name=\"name\"/></createIndex>");
        Path db = dir.resolve("stock.db");
        StockLiquibase.Result update = new StockLiquibase(List.of()).run(db, changelogs.root(), "master.xml", "update");
        assertEquals(0, update.exit(), update.output());

        Engine engine = Engine.on(Target.sqlite(db)).changelog(changelogs.changelog());
        assertTrue(engine.status().atHead(), engine.status().toString());
        assertEquals(List.of(), engine.update());
    }
}
