package dev.strata.deploy.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A git repository in a temporary folder, and the check run on it with its output captured. */
final class ThrowawayRepo {
    /** What one run of the check printed, and its exit code. */
    record Run(int exit, String out, String err) {
    }

    final Path dir;

    ThrowawayRepo(Path dir) throws Exception {
        this.dir = dir;
        git("init", "-q");
    }

    String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
        return out.strip();
    }

    ThrowawayRepo write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    ThrowawayRepo commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-qm", message);
        return this;
    }

    /** What the repository holds: commits, tags, HEAD, index and tracked or unignored files, worktrees. */
    String state() throws Exception {
        return git("log", "--all", "--format=%H %D") + "\n" + git("status", "--porcelain") + "\n"
                + git("worktree", "list");
    }

    Run check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DeployWindow.run(dir, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
