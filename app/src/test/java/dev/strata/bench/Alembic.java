package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The peer: Alembic (the seeds' tool) running the project's schema as an Alembic migration set
 * ({@code app/src/test/resources/bench/alembic}), as a process, the way a deploy hook would run it.
 */
final class Alembic {
    private final List<String> python;
    private final Path ini;

    private Alembic(List<String> python, Path ini) {
        this.python = python;
        this.ini = ini;
    }

    /** The first {@code python3} (on the PATH, then Debian's) that can import alembic; empty when none can. */
    static Optional<Alembic> find(Path root) {
        Path ini = root.resolve("app/src/test/resources/bench/alembic/alembic.ini");
        for (String interpreter : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(interpreter, "-m", "alembic", "--version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor() == 0) {
                    return Optional.of(new Alembic(List.of(interpreter), ini));
                }
            } catch (java.io.IOException | InterruptedException missing) {
                // not this interpreter
            }
        }
        return Optional.empty();
    }

    /** {@code python3 -m alembic -c alembic.ini -x db=FILE upgrade head}. */
    List<String> upgradeHead(Path db) {
        List<String> command = new ArrayList<>(python);
        command.addAll(List.of("-m", "alembic", "-c", ini.toString(), "-x", "db=" + db, "upgrade", "head"));
        return command;
    }

    String version() throws Exception {
        List<String> command = new ArrayList<>(python);
        command.addAll(List.of("-m", "alembic", "--version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out.isEmpty() ? "alembic" : out.replace("alembic ", "Alembic ");
    }
}
