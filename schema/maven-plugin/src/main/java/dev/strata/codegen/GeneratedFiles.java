package dev.strata.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Moves a generation run's output into place touching only what changed: a file with the same bytes is
 * left alone (its timestamp too, so javac and the rest of the build see nothing new), a changed or new
 * file is replaced, and a file no longer generated is deleted, within the generated package only.
 */
final class GeneratedFiles {
    private GeneratedFiles() {
    }

    /**
     * What a regeneration did, as paths relative to the output folder: every file generated, those written or
     * deleted, and the bytes a rewritten file had before.
     */
    record Update(Set<Path> generated, Set<Path> touched, Map<Path, byte[]> previous) {
    }

    /**
     * Replaces {@code output}'s generated files by those in {@code fresh} (same layout); files under
     * {@code output/packageDir} that {@code fresh} no longer holds are deleted. {@code fresh} is removed.
     * Returns every file generated and those written or deleted.
     */
    static Update update(Path fresh, Path output, Path packageDir) throws IOException {
        Set<Path> generated = new HashSet<>();
        Set<Path> touched = new HashSet<>();
        Map<Path, byte[]> previous = new HashMap<>();
        for (Path file : regularFiles(fresh)) {
            Path relative = fresh.relativize(file);
            generated.add(relative);
            Path target = output.resolve(relative.toString());
            if (Files.isRegularFile(target)) {
                byte[] old = Files.readAllBytes(target);
                if (Arrays.equals(old, Files.readAllBytes(file))) {
                    continue;
                }
                previous.put(relative, old);
            }
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            touched.add(relative);
        }
        Path scope = output.resolve(packageDir.toString());
        for (Path file : regularFiles(scope)) {
            if (!generated.contains(output.relativize(file))) {
                Files.delete(file);
                touched.add(output.relativize(file));
            }
        }
        removeEmptyFolders(scope);
        deleteTree(fresh);
        return new Update(generated, touched, previous);
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void removeEmptyFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty() && !dir.equals(root)) {
                        Files.delete(dir);
                    }
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
