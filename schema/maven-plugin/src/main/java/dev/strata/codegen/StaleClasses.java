package dev.strata.codegen;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The compiled classes a regeneration makes stale, deleted so that a compiler that compiles only stale sources
 * (maven-compiler-plugin with {@code useIncrementalCompilation=false}) ends where a full compile would: the
 * classes (nested ones too) of every generated file that was written or deleted, and of every generated file
 * that names one of those types, so that its references are resolved again. When the generator itself
 * changed (jOOQ, the configuration, the plugin, the dependencies) every generated class is stale.
 */
final class StaleClasses {
    private StaleClasses() {
    }

    /**
     * Deletes the stale classes under {@code classes} for a regeneration into {@code sources}; returns how
     * many source files' classes were deleted.
     */
    static int delete(Path sources, Path classes, GeneratedFiles.Update update, boolean generatorChanged)
            throws IOException {
        Set<Path> stale = new HashSet<>(update.touched());
        if (generatorChanged) {
            stale.addAll(update.generated());
        } else if (!update.touched().isEmpty()) {
            Set<String> types = new HashSet<>();
            for (Path file : update.touched()) {
                typeName(file).ifPresent(types::add);
            }
            // A plain substring match: naming more files than needed only compiles more, never too few.
            for (Path file : update.generated()) {
                if (!stale.contains(file) && typeName(file).isPresent()) {
                    String text = Files.readString(sources.resolve(file.toString()));
                    if (types.stream().anyMatch(text::contains)) {
                        stale.add(file);
                    }
                }
            }
        }
        int deleted = 0;
        for (Path file : stale) {
            if (typeName(file).isPresent() && deleteCompiled(classes, file, typeName(file).get())) {
                deleted++;
            }
        }
        return deleted;
    }

    private static java.util.Optional<String> typeName(Path source) {
        String name = source.getFileName().toString();
        return name.endsWith(".java") ? java.util.Optional.of(name.substring(0, name.length() - ".java".length()))
                : java.util.Optional.empty();
    }

    /** {@code Type.class} and {@code Type$Nested.class} in the source's package folder. */
    private static boolean deleteCompiled(Path classes, Path source, String type) throws IOException {
        Path folder = source.getParent() == null ? classes : classes.resolve(source.getParent().toString());
        if (!Files.isDirectory(folder)) {
            return false;
        }
        boolean any = false;
        try (DirectoryStream<Path> compiled = Files.newDirectoryStream(folder, p -> {
            String name = p.getFileName().toString();
            return name.equals(type + ".class") || name.startsWith(type + "$") && name.endsWith(".class");
        })) {
            for (Path file : compiled) {
                Files.delete(file);
                any = true;
            }
        }
        return any;
    }
}
