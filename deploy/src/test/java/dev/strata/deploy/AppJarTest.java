package dev.strata.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The service jar carries what runs in production, and no build or test code (nor their libraries). */
class AppJarTest {
    private static final Pattern BUILD_OR_TEST = Pattern.compile(
            "dev/strata/(codegen|guard|maven|testing|bench)/.*|org/junit/.*|net/jqwik/.*|org/jooq/codegen/.*"
                    + "|org/jooq/meta/.*|org/h2/.*|org/apache/maven/.*|META-INF/maven/plugin\\.xml");

    @Test
    void holdsRuntimeCodeOnly() throws Exception {
        try (JarFile jar = new JarFile(Repository.APP_JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertEquals(List.of(), names.stream().filter(n -> BUILD_OR_TEST.matcher(n).matches()).limit(20).toList(),
                    "build or test code in the service jar");
            for (String needed : List.of("dev/strata/app/Main.class", "dev/strata/engine/Engine.class",
                    "dev/strata/sqlite/SqliteExecutor.class", "dev/strata/db/Tables.class",
                    "db/changelog/master.xml", "META-INF/strata/manifest.tsv")) {
                assertTrue(names.contains(needed), needed + " missing from the service jar");
            }
        }
    }
}
