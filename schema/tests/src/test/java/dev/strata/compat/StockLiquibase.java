package dev.strata.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Stock Liquibase 4.33's own command line in a separate JVM whose class path holds liquibase-core, its
 * dependencies and sqlite-jdbc only: none of Strata's generators or changes (registered through
 * META-INF/services in the schema module) can load there, so it is an independent oracle.
 */
final class StockLiquibase {
    private static final String[] CLASSES = {
        "liquibase.Liquibase", "org.sqlite.JDBC", "org.yaml.snakeyaml.Yaml", "com.opencsv.CSVReader",
        "org.apache.commons.lang3.StringUtils", "org.apache.commons.text.StringSubstitutor",
        "org.apache.commons.collections4.CollectionUtils", "org.apache.commons.io.IOUtils",
        "javax.xml.bind.annotation.XmlType", "picocli.CommandLine"
    };

    record Result(int exit, String output) {
    }

    private final List<Path> classpath;

    /** {@code extra}: folders with a changelog's custom change classes (Liquibase puts its lib/ there). */
    StockLiquibase(List<Path> extra) {
        List<Path> jars = new ArrayList<>();
        for (String name : CLASSES) {
            jars.add(jarOf(name));
        }
        for (Path jar : jars) {
            requireNoStrata(jar);
        }
        this.classpath = new ArrayList<>(jars);
        this.classpath.addAll(extra);
    }

    List<Path> classpath() {
        return classpath;
    }

    /** Runs {@code liquibase <command>} against a SQLite file with changelogs under {@code searchPath}. */
    Result run(Path db, Path searchPath, String changelogFile, String... command) {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dliquibase.analytics.enabled=false", "-cp",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                "liquibase.integration.commandline.LiquibaseCommandLine", "--show-banner=false",
                "--url=jdbc:sqlite:" + db, "--search-path=" + searchPath, "--changelog-file=" + changelogFile));
        args.addAll(List.of(command));
        try {
            Path log = Files.createTempFile("stock-liquibase", ".log");
            Process process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("stock Liquibase did not finish in 120 s: " + args);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path jarOf(String className) {
        try {
            Path path = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(className + " does not come from a jar but from " + path);
            }
            return path;
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireNoStrata(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.stream().anyMatch(e -> e.getName().startsWith("dev/strata/"))) {
                throw new IllegalStateException(jar + " holds Strata classes: the stock run would not be stock");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
