package dev.strata.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * A consistent snapshot of a SQLite file, taken with SQLite's online backup API next to the file
 * ({@code strata.db.backup-20261121T083644123}); the newest {@value #KEEP} are kept.
 */
public final class Backup {
    static final int KEEP = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

    private Backup() {
    }

    /** Copies the database that {@code connection} reads (inside its transaction) next to {@code file}. */
    static Path take(Connection connection, Path file) {
        Path backup = file.resolveSibling(prefix(file) + LocalDateTime.now().format(STAMP));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("backup to '" + backup.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new SchemaException("cannot back up " + file + " to " + backup + ": " + Target.reason(e)
                    + "; free disk space or use --no-backup; the database was not changed");
        }
        prune(file);
        return backup;
    }

    /** The backups of {@code file}, oldest first. */
    public static List<Path> list(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = prefix(file);
        try (Stream<Path> siblings = Files.list(dir)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void prune(Path file) {
        List<Path> backups = list(file);
        for (int i = 0; i < backups.size() - KEEP; i++) {
            try {
                Files.deleteIfExists(backups.get(i));
            } catch (IOException ignored) {
                // an old backup we cannot delete is harmless
            }
        }
    }

    private static String prefix(Path file) {
        return file.getFileName() + ".backup-";
    }
}
