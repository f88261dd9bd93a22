package dev.strata.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file as the last commit holds it, read with {@code git show HEAD:}: what "committed" means for the lock
 * and the snapshot. Empty when there is no git history to ask (no git, or not a work tree), so a source
 * tree without history treats its files as committed.
 */
final class CommittedFile {
    private CommittedFile() {
    }

    /** The committed text; "" when the work tree has no commit of it yet; empty when git cannot tell. */
    static Optional<String> atHead(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        ProcessBuilder git = new ProcessBuilder("git", "-C", dir.toString(), "show", "HEAD:./" + file.getFileName());
        git.environment().put("GIT_OPTIONAL_LOCKS", "0");
        try {
            Process process = git.start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() == 0) {
                return Optional.of(new String(out, StandardCharsets.UTF_8));
            }
            return err.contains("not a git repository") ? Optional.empty() : Optional.of("");
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
