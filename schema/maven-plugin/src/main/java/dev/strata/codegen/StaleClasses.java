package dev.strata.codegen;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The compiled classes a regeneration makes stale, deleted so that a compiler that compiles only stale sources
 * (maven-compiler-plugin with {@code useIncrementalCompilation=false}) ends where a full compile would.
 *
 * <p>Stale: the classes (nested ones too) of every generated file that was written or deleted, and of every
 * other generated file that may have compiled against something of theirs that changed. That is a file naming a
 * deleted type; or naming a rewritten type and one of the members whose declaration the rewrite added, removed
 * or changed (fields with their initialisers, so a changed constant counts; methods and nested types by their
 * signatures; the type's own header by its name). Declarations are read with javac's parser; without one (a
 * JRE), any file naming a rewritten type is stale. Names are matched as substrings: more files than needed
 * only compile more, never too few. When the generator itself changed, every generated class is stale.
 */
final class StaleClasses {
    private StaleClasses() {
    }

    /**
     * Deletes the stale classes under {@code classes} for a regeneration into {@code sources}; returns the
     * generated files whose classes are stale.
     */
    static Set<Path> delete(Path sources, Path classes, GeneratedFiles.Update update, boolean generatorChanged)
            throws IOException {
        Set<Path> stale = new HashSet<>(update.touched());
        if (generatorChanged) {
            stale.addAll(update.generated());
        } else {
            List<Changed> changed = new java.util.ArrayList<>();
            for (Path file : update.touched()) {
                Optional<String> type = typeName(file);
                if (type.isPresent() && (update.previous().containsKey(file) || !update.generated().contains(file))) {
                    changed.add(new Changed(type.get(), changedMembers(update.previous().get(file),
                            update.generated().contains(file) ? Files.readAllBytes(sources.resolve(file.toString()))
                                    : null)));
                }
            }
            for (Path file : update.generated()) {
                if (!stale.contains(file) && typeName(file).isPresent() && !changed.isEmpty()) {
                    String text = Files.readString(sources.resolve(file.toString()));
                    if (changed.stream().anyMatch(c -> c.usedBy(text))) {
                        stale.add(file);
                    }
                }
            }
        }
        for (Path file : stale) {
            Optional<String> type = typeName(file);
            if (type.isPresent()) {
                deleteCompiled(classes, file, type.get());
            }
        }
        return stale;
    }

    /** A rewritten or deleted type and the names of its members that changed (null: everything). */
    private record Changed(String type, Set<String> members) {
        boolean usedBy(String text) {
            return text.contains(type) && (members == null || members.stream().anyMatch(text::contains));
        }
    }

    /** Names whose declarations differ between the two versions; null when either is missing or unreadable. */
    private static Set<String> changedMembers(byte[] before, byte[] after) {
        if (before == null || after == null) {
            return null;
        }
        Optional<Set<String>> was = declarations(new String(before, StandardCharsets.UTF_8));
        Optional<Set<String>> now = declarations(new String(after, StandardCharsets.UTF_8));
        if (was.isEmpty() || now.isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String declaration : was.get()) {
            if (!now.get().contains(declaration)) {
                names.add(declaration.substring(0, declaration.indexOf('\0')));
            }
        }
        for (String declaration : now.get()) {
            if (!was.get().contains(declaration)) {
                names.add(declaration.substring(0, declaration.indexOf('\0')));
            }
        }
        return names;
    }

    /** Every member declaration of the file's types, each as "name NUL declaration without bodies". */
    private static Optional<Set<String>> declarations(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return Optional.empty();
        }
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Generated.java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            JavacTask task = (JavacTask) javac.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null,
                    List.of(file));
            Set<String> out = new HashSet<>();
            for (CompilationUnitTree unit : task.parse()) {
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree c) {
                        collect(c, out);
                    }
                }
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void collect(ClassTree type, Set<String> out) {
        out.add(type.getSimpleName() + "\0" + type.getKind() + " " + type.getModifiers() + type.getTypeParameters()
                + " extends " + type.getExtendsClause() + " implements " + type.getImplementsClause());
        for (Tree member : type.getMembers()) {
            if (member instanceof VariableTree field) {
                out.add(field.getName() + "\0" + field.getModifiers() + field.getType() + " = " + field.getInitializer());
            } else if (member instanceof MethodTree method) {
                // A constructor is used through its type's name.
                String name = method.getName().contentEquals("<init>") ? type.getSimpleName().toString()
                        : method.getName().toString();
                out.add(name + "\0" + method.getModifiers() + method.getTypeParameters() + " "
                        + method.getReturnType() + " " + method.getParameters() + " throws " + method.getThrows());
            } else if (member instanceof ClassTree nested) {
                collect(nested, out);
            }
        }
    }

    private static Optional<String> typeName(Path source) {
        String name = source.getFileName().toString();
        return name.endsWith(".java") ? Optional.of(name.substring(0, name.length() - ".java".length()))
                : Optional.empty();
    }

    /** {@code Type.class} and {@code Type$Nested.class} in the source's package folder. */
    private static void deleteCompiled(Path classes, Path source, String type) throws IOException {
        Path folder = source.getParent() == null ? classes : classes.resolve(source.getParent().toString());
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> compiled = Files.newDirectoryStream(folder, p -> {
            String name = p.getFileName().toString();
            return name.equals(type + ".class") || name.startsWith(type + "$") && name.endsWith(".class");
        })) {
            for (Path file : compiled) {
                Files.delete(file);
            }
        }
    }
}
