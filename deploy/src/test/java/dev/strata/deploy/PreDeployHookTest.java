package dev.strata.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs deploy/hooks/pre-deploy for real, with a stub {@code kamal} first on PATH that records its
 * arguments and runs the migrate command locally in an image-shaped folder.
 */
class PreDeployHookTest {
    @TempDir
    Path dir;

    Path stubBin;
    Path image;
    Path args;
    Path db;

    record Run(int exit, String output) {
    }

    @BeforeEach
    void stubKamal() throws IOException {
        stubBin = Files.createDirectories(dir.resolve("stub-bin"));
        Path kamal = stubBin.resolve("kamal");
        Files.copy(Path.of("src/test/resources/stub-kamal/kamal"), kamal);
        kamal.toFile().setExecutable(true);
        image = Repository.imageRoot(Files.createDirectories(dir.resolve("image")));
        args = dir.resolve("kamal-args.txt");
        db = dir.resolve("volume/strata.db");
    }

    Run hook(Map<String, String> env) throws Exception {
        ProcessBuilder process = new ProcessBuilder(Repository.ROOT.resolve("deploy/hooks/pre-deploy").toString())
                .directory(Repository.ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> environment = process.environment();
        environment.remove("KAMAL_VERSION");
        environment.remove("KAMAL_DESTINATION");
        environment.put("PATH", stubBin + ":" + System.getenv("PATH"));
        environment.put("STUB_KAMAL_ARGS", args.toString());
        environment.put("STUB_IMAGE_ROOT", image.toString());
        environment.put("STRATA_DB", db.toString());
        environment.putAll(env);
        Process p = process.start();
        String output = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), output);
    }

    @Test
    void appliesTheChangelogsThroughKamalAppExecOnTheWebRole() throws Exception {
        Run run = hook(Map.of("KAMAL_VERSION", "3f2a9c1"));

        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of("app", "exec", "--config-file", "deploy/config/deploy.yml", "--roles", "web",
                "--primary", "--version", "3f2a9c1", "bin/migrate update"), Files.readAllLines(args));
        assertTrue(run.output().contains("pre-deploy: running: kamal app exec --config-file deploy/config/deploy.yml"
                + " --roles web --primary --version 3f2a9c1 bin/migrate update"), run.output());
        assertTrue(run.output().contains("applied 0006-add-task-priority"), run.output());
        assertTrue(Engine.on(Target.sqlite(db)).status().atHead());
    }

    @Test
    void passesTheDestinationOnlyWhenSet() throws Exception {
        assertEquals(0, hook(Map.of("KAMAL_VERSION", "v2", "KAMAL_DESTINATION", "staging")).exit());
        List<String> withDestination = Files.readAllLines(args);
        assertEquals(List.of("--destination", "staging", "bin/migrate update"),
                withDestination.subList(withDestination.size() - 3, withDestination.size()));

        assertEquals(0, hook(Map.of("KAMAL_VERSION", "v2", "KAMAL_DESTINATION", "")).exit());
        List<String> without = Files.readAllLines(args);
        assertFalse(without.contains("--destination") || without.contains("-d"), without.toString());
    }

    @Test
    void failingChangesetAbortsAndLeavesTheDatabaseByteIdentical() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        changelogs.add("0002-create-b", TestChangelogs.createTable("b", "name VARCHAR(10)"));
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).update();
        changelogs.add("0003-broken", "    <sql>UPDATE no_such_table SET x = 1</sql>");
        byte[] before = Files.readAllBytes(db);

        Run run = hook(Map.of("KAMAL_VERSION", "v3", "STRATA_SEARCH_PATH", changelogs.root().toString(),
                "STRATA_CHANGELOG_FILE", "master.xml"));

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("changeset 0003-broken (author test) in changes/0003-broken.xml failed"),
                run.output());
        assertTrue(run.output().contains("pre-deploy: migration failed (exit 1); aborting the deploy"), run.output());
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void aMigrationThatHangsIsStoppedAtTheTimeoutAndAbortsTheDeploy() throws Exception {
        long start = System.nanoTime();
        Run run = hook(Map.of("KAMAL_VERSION", "v5", "STRATA_MIGRATE_TIMEOUT", "1", "STUB_KAMAL_HANG", "120"));

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("pre-deploy: migration did not finish within 1 s"), run.output());
        assertTrue(System.nanoTime() - start < 100_000_000_000L, "the hook did not wait for the hung migration");
    }

    @Test
    void aBadTimeoutIsRefusedBeforeKamalIsCalled() throws Exception {
        Run run = hook(Map.of("KAMAL_VERSION", "v6", "STRATA_MIGRATE_TIMEOUT", "soon"));
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("STRATA_MIGRATE_TIMEOUT must be a whole number"), run.output());
        assertFalse(Files.exists(args));
    }

    @Test
    void migratesAPostgresDatabaseNamedByADatabaseUrlSecretOnce() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String jdbc = server.url(server.newDatabase("hook"));
        String databaseUrl = jdbc.replaceFirst("^jdbc:postgresql://([^/]+)/([^?]+)\\?user=([^&]+)&password=(.+)$",
                "postgres://$3:$4@$1/$2");
        Run run = hook(Map.of("KAMAL_VERSION", "5e1d2c3", "STRATA_DB", databaseUrl,
                "STRATA_KAMAL_CONFIG", "deploy/config/deploy.postgres.yml"));

        assertEquals(0, run.exit(), run.output());
        List<String> recorded = Files.readAllLines(args);
        assertEquals("deploy/config/deploy.postgres.yml", recorded.get(recorded.indexOf("--config-file") + 1));
        assertTrue(recorded.contains("--primary"), recorded.toString());
        assertTrue(run.output().contains("applied 0006-add-task-priority"), run.output());
        assertFalse(run.output().contains(server.password()), "no password in the hook's output");
        assertTrue(Engine.on(Target.parse(jdbc)).status().atHead());
    }

    @Test
    void missingVersionIsAClearErrorAndKamalIsNeverCalled() throws Exception {
        Run run = hook(Map.of());
        assertEquals(2, run.exit());
        assertTrue(run.output().contains("pre-deploy: KAMAL_VERSION is not set"), run.output());
        assertFalse(Files.exists(args));
    }

    @Test
    void quotesAndCommandSubstitutionInVariablesStayLiteral() throws Exception {
        String hostile = "v4 $(touch pwned) `touch pwned2`; touch pwned3 \"'";
        Run run = hook(Map.of("KAMAL_VERSION", hostile, "KAMAL_DESTINATION", "prod; touch pwned4"));

        List<String> recorded = Files.readAllLines(args);
        assertEquals(hostile, recorded.get(recorded.indexOf("--version") + 1));
        assertEquals("prod; touch pwned4", recorded.get(recorded.indexOf("--destination") + 1));
        for (Path where : List.of(Repository.ROOT, image, dir)) {
            for (String name : List.of("pwned", "pwned2", "pwned3", "pwned4")) {
                assertFalse(Files.exists(where.resolve(name)), "executed: " + where.resolve(name));
            }
        }
        assertEquals(0, run.exit(), run.output());
    }
}
