package dev.strata.deploy.window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The git commands the check needs, run in one checkout; none of them changes the repository. */
final class Git {
    private final Path root;

    Git(Path root) {
        this.root = root;
    }

    /** Exit code 0 and stdout, or null on any other exit. */
    String call(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out.strip() : null;
        } catch (IOException e) {
            throw new WindowException("cannot run git (" + e.getMessage() + "); install git and try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WindowException("interrupted while running git");
        }
    }

    /** The full commit id {@code ref} names, or null when it names none. */
    String commit(String ref) {
        if (ref.startsWith("-")) {
            return null;
        }
        return call("rev-parse", "--verify", "--quiet", ref + "^{commit}");
    }

    /**
     * The newest tag matching {@code pattern} (version order) among HEAD's ancestors, leaving out tags on HEAD
     * itself (CI on a release commit checks it against the release before); null when there is none.
     */
    String previousReleaseTag(String pattern) {
        String tags = call("tag", "--list", pattern, "--merged", "HEAD", "--no-contains", "HEAD", "--sort=-v:refname");
        return tags == null || tags.isEmpty() ? null : tags.lines().findFirst().orElseThrow();
    }

    boolean shallow() {
        return "true".equals(call("rev-parse", "--is-shallow-repository"));
    }

    /** Writes the tree of {@code commit} into the folder {@code into} (git archive: no checkout, no worktree). */
    void extract(String commit, Path into) throws IOException, InterruptedException {
        Process archive = new ProcessBuilder("git", "-C", root.toString(), "archive", "--format=tar", commit)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Process tar = new ProcessBuilder("tar", "-x", "-C", into.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = archive.getInputStream(); var out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        if (archive.waitFor() != 0 || tar.waitFor() != 0) {
            throw new WindowException("cannot extract commit " + commit + " into " + into + " (git archive | tar failed)");
        }
    }
}
