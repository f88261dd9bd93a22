package dev.strata.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reliability figures: appended to target/reliability/report.md for the README's table, and echoed on stderr
 * (a passing test prints nothing to stdout).
 */
public final class Report {
    static final Path FILE = Path.of("target/reliability/report.md");

    static {
        try {
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Report() {
    }

    /** Long variants run with -Dstrata.reliability.long=true. */
    public static boolean longRun() {
        return Boolean.getBoolean("strata.reliability.long");
    }

    public static synchronized void row(String check, String figures) {
        String line = "| " + check + " | " + figures + " |";
        System.err.println("[reliability] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A long test's heartbeat on stderr, every {@code every} steps: "[progress] KillAtAnyPointTest: 10 of 70 trials". */
    public static void progress(String test, int done, String of, int every) {
        if (done % every == 0) {
            System.err.println("[progress] " + test + ": " + done + " " + of);
        }
    }
}
