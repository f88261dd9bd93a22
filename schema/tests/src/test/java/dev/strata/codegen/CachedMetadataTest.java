package dev.strata.codegen;

import dev.strata.testing.SyntheticSchema;
import dev.strata.testing.TestChangelogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedMetadataTest {
    @TempDir
    Path dir;

    @Test
    void generatesByteIdenticalCodeToStockJooq() throws Exception {
        TestChangelogs changelogs = SyntheticSchema.write(dir.resolve("changelog"), 12);
        Target target = Target.sqlite(dir.resolve("scratch.db"));
        Engine.on(target).changelog(changelogs.changelog()).withBackups(false).update();
        JooqGenerator generator = new JooqGenerator(CodegenTest.CONFIG.getBytes());
        try (Connection connection = target.openExisting()) {
            generator.generate(connection, dir.resolve("stock"), false);
            generator.generate(connection, dir.resolve("cached"), true);
        }
        Map<String, String> stock = contents(dir.resolve("stock"));
        Map<String, String> cached = contents(dir.resolve("cached"));
        assertTrue(stock.size() > 12, "one class per table at least: " + stock.keySet());
        assertTrue(stock.get("test/db/Keys.java").contains("FK_T012_PARENT"), "foreign keys are generated");
        assertEquals(stock, cached);
    }

    static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                result.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return result;
    }
}
