package dev.strata.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image recipe's structure, read as Docker reads it (continuation lines joined, comments dropped). */
class DockerfileTest {
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> instructions() throws Exception {
        String text = Files.readString(Repository.ROOT.resolve("deploy/Dockerfile")).replaceAll("\\\\\\n", " ");
        List<Instruction> result = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            result.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
        }
        return result;
    }

    /** The instructions of the last stage. */
    static List<Instruction> runtime(List<Instruction> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    @Test
    void mavenBuildStageThenAJreRuntimeStage() throws Exception {
        List<Instruction> all = instructions();
        List<String> froms = all.stream().filter(i -> i.keyword().equals("FROM")).map(Instruction::arguments).toList();
        assertEquals(2, froms.size(), froms.toString());
        assertTrue(froms.get(0).matches("maven:\\S*temurin-17\\S* AS build"), froms.get(0));
        assertTrue(froms.get(1).matches("eclipse-temurin:17-jre\\S*( AS \\w+)?"), froms.get(1));
        assertTrue(all.stream().anyMatch(i -> i.keyword().equals("RUN") && i.arguments().startsWith("mvn ")
                && i.arguments().contains("package")), "the build stage runs the Maven build");
    }

    @Test
    void runtimeHoldsOnlyTheJarAndLaunchersAndRunsAsNonRoot() throws Exception {
        List<Instruction> runtime = runtime(instructions());
        List<String> copies = runtime.stream().filter(i -> i.keyword().equals("COPY")).map(Instruction::arguments).toList();
        assertEquals(List.of("--from=build /src/app/target/strata-app.jar /app/strata-app.jar",
                "--from=build /src/deploy/bin/strata /src/deploy/bin/migrate /app/bin/"), copies);
        assertFalse(runtime.stream().anyMatch(i -> i.keyword().equals("ADD")));
        assertFalse(runtime.stream().anyMatch(i -> i.arguments().contains("mvn ")), "no build tools at runtime");

        List<String> users = runtime.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments).toList();
        assertEquals(1, users.size());
        assertFalse(users.get(0).equals("root") || users.get(0).startsWith("0"), users.toString());
        int userAt = runtime.indexOf(runtime.stream().filter(i -> i.keyword().equals("USER")).findFirst().orElseThrow());
        assertTrue(runtime.subList(userAt, runtime.size()).stream().noneMatch(i -> i.keyword().equals("RUN")),
                "nothing runs as root after USER");
        // The class-data archives the launchers look for are written by the runtime's own JVM.
        String training = runtime.subList(0, userAt).stream().filter(i -> i.keyword().equals("RUN"))
                .map(Instruction::arguments).filter(a -> a.contains("TrainingRun")).findFirst().orElse("");
        for (String archive : List.of("/app/strata-migrate.jsa", "/app/strata-app.jsa")) {
            assertTrue(training.contains("-XX:ArchiveClassesAtExit=" + archive), "the image makes " + archive);
        }
        assertTrue(training.contains("-Dstrata.native.dir=/app/native"), "the image extracts SQLite's library once");
    }

    @Test
    void databaseOnTheVolumeAndCommandsRunAsGiven() throws Exception {
        List<Instruction> runtime = runtime(instructions());
        assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("VOLUME") && i.arguments().contains("/data")));
        assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("ENV")
                && i.arguments().contains("STRATA_DB=/data/strata.db")));
        assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("ENV")
                && i.arguments().contains("STRATA_MIGRATE=check")), "services start with --migrate check");
        // No ENTRYPOINT: `kamal app exec 'bin/migrate update'` must run the launcher, not the web role.
        assertFalse(runtime.stream().anyMatch(i -> i.keyword().equals("ENTRYPOINT")));
        assertEquals("[\"bin/strata\", \"web\"]", runtime.stream().filter(i -> i.keyword().equals("CMD"))
                .map(Instruction::arguments).reduce((a, b) -> b).orElseThrow());
        assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("WORKDIR") && i.arguments().equals("/app")));
    }
}
