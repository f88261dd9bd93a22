package dev.strata.engine;

import dev.strata.build.HeadDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema shipped for drift checks is the one an update of the shipped changelogs produces, however written. */
class ExpectedSchemaTest {
    @TempDir
    Path dir;

    @Test
    void theShippedSchemaIsWhatAFreshUpdateProducesAndWhatWriteWrites() throws Exception {
        Target fresh = Target.sqlite(dir.resolve("fresh.db"));
        Engine.on(fresh).withBackups(false).update();
        List<String> produced;
        try (Connection c = fresh.openExisting()) {
            produced = SchemaText.of(c);
        }
        assertTrue(produced.stream().anyMatch(s -> s.startsWith("CREATE TABLE task (")), produced.toString());

        assertEquals(produced, ExpectedSchema.atHead(Changelog.classpath()), "the schema shipped in the jar");
        // The source folder: once the reactor has packaged them, the changelogs on the class path are a jar.
        Path sources = Path.of("../changelogs/src/main/resources");
        Path out = dir.resolve("META-INF/strata/schema.sql");
        // As the build's manifest step writes it: from the changelogs brought to head once for the whole build.
        Target head = new HeadDatabase(Changelog.directory(sources, Changelog.MASTER), null, dir.resolve("head.db"))
                .target();
        try (Connection c = head.openExisting()) {
            ExpectedSchema.write(c, out);
        }
        assertEquals(produced, SchemaText.parse(Files.readString(out, StandardCharsets.UTF_8)), "written at build time");
    }

    @Test
    void behindHeadTheExpectedSchemaIsRebuiltFromExactlyTheAppliedChangesets() throws Exception {
        Target db = Target.sqlite(dir.resolve("behind.db"));
        Engine engine = Engine.on(db).withBackups(false);
        engine.update();
        engine.rollbackCount(2);
        List<String> live;
        try (Connection c = db.openExisting()) {
            live = SchemaText.of(c);
        }
        SchemaState state = engine.status();
        assertEquals(2, state.pending().size());

        assertEquals(live, ExpectedSchema.of(Changelog.classpath(), state));
        assertTrue(live.stream().noneMatch(s -> s.contains("priority")), live.toString());
    }
}
