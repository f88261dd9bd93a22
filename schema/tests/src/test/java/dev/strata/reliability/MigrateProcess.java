package dev.strata.reliability;

import dev.strata.testing.TestChangelogs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The migrate command as a separate JVM, on a test changelog folder. */
final class MigrateProcess {
    private MigrateProcess() {
    }

    static Process start(Path db, TestChangelogs changelogs, Path log, String... args) throws IOException {
        return start(db.toString(), changelogs, log, args);
    }

    /** On a database given as a path or a JDBC URL. */
    static Process start(String db, TestChangelogs changelogs, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "dev.strata.cli.Migrate"));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", db, "--search-path", changelogs.root().toString(),
                "--changelog-file", "master.xml"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
