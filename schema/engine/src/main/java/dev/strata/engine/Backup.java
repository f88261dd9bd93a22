package dev.strata.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlite.SQLiteConnection;

/**
 * A consistent snapshot of a SQLite file next to it ({@code strata.db.backup-20261121T083644123}), with the
 * file's permissions; the newest {@value #KEEP} are kept. The copy is written under a hidden partial name
 * and renamed into place only when complete, so an interrupted or failed attempt never leaves a file with
 * a backup's name and never prunes a real backup.
 */
public final class Backup {
    static final int KEEP = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");
    private static final Pattern PARTIAL = Pattern.compile("^\\.(.+)\\.backup-partial-(\\d+)-\\d+$");
    // All pages in one step, inside one read transaction: the online backup API restarts a stepwise copy
    // whenever another connection writes, so under steady writes a stepwise backup may never finish.
    private static final int ALL_PAGES = -1;
    private static final int BUSY_SLEEP_MILLIS = 50;
    private static final int BUSY_RETRIES = 200;

    private Backup() {
    }

    /** Copies the database that {@code connection} reads (in autocommit mode) next to {@code file}. */
    static Path take(Connection connection, Path file) {
        Path backup = file.resolveSibling(prefix(file) + LocalDateTime.now().format(STAMP));
        Path partial = file.resolveSibling("." + file.getFileName() + ".backup-partial-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        removeAbandonedPartials(file);
        try {
            createWithModeOf(file, partial);
            int rc = connection.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(), null,
                    BUSY_SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
            if (rc != 0 && rc != 101) {
                throw new SQLException("SQLite backup ended with result code " + rc
                        + (rc == 13 ? " (database or disk is full)" : rc == 5 ? " (database is locked)" : ""));
            }
            Files.deleteIfExists(journalOf(partial));
            Files.move(partial, backup, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(partial);
            deleteQuietly(journalOf(partial));
            throw new SchemaException("cannot back up " + file + " to " + backup + ": " + Target.reason(e)
                    + "; free disk space or use --no-backup; the database was not changed and no backup was removed");
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

    /** An empty file with {@code source}'s permissions: SQLite would create the copy with its default mode. */
    private static void createWithModeOf(Path source, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(source, PosixFileAttributeView.class);
        if (view == null) {
            Files.createFile(target);
            return;
        }
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        // Created owner-only, then widened to the source's mode: never readable by more than the source is.
        Files.createFile(target, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        Files.setPosixFilePermissions(target, mode);
    }

    /** Partial copies left by a process that was killed mid-backup (its pid no longer runs). */
    private static void removeAbandonedPartials(Path file) {
        try (Stream<Path> siblings = Files.list(file.toAbsolutePath().getParent())) {
            for (Path p : siblings.toList()) {
                Matcher m = PARTIAL.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(file.getFileName().toString())
                        && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // leftovers are hidden and never taken for backups
        }
    }

    private static Path journalOf(Path partial) {
        return partial.resolveSibling(partial.getFileName() + "-journal");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a hidden partial file is never taken for a backup
        }
    }

    private static void prune(Path file) {
        List<Path> backups = list(file);
        for (int i = 0; i < backups.size() - KEEP; i++) {
            deleteQuietly(backups.get(i));
        }
    }

    private static String prefix(Path file) {
        return file.getFileName() + ".backup-";
    }
}
