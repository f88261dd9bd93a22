package dev.strata.deploy.window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A previous release's service tests, built and run by Maven from the root of its checkout
 * ({@code -pl :<artifactId> -am}, so module paths may differ between releases).
 */
final class ReleaseSuite {
    /** One failed test: class, method and the first line of its failure. */
    record Failure(String testClass, String test, String message) {
        @Override
        public String toString() {
            return testClass + "." + test + ": " + message;
        }
    }

    /** What a run found: tests run (not skipped), and the failures. */
    record Outcome(int tests, List<Failure> failures, boolean completed, String error) {
    }

    private final Path checkout;
    private final String module;
    private final List<String> mavenFlags;
    private final Path logs;

    ReleaseSuite(Path checkout, String module, List<String> mavenFlags, Path logs) {
        this.checkout = checkout;
        this.module = module;
        this.mavenFlags = mavenFlags;
        this.logs = logs;
    }

    /** Compiles the release with its own changelogs and generated classes; throws naming the first error. */
    void build(String release) throws IOException, InterruptedException {
        Path log = logs.resolve("build.log");
        if (maven(log, "test-compile") != 0) {
            throw new WindowException("previous release " + release + " does not build: "
                    + firstError(log).replace(checkout + "/", "") + " (log: " + log + ")");
        }
    }

    /** The surefire patterns of the module's test classes (its default includes), as path patterns. */
    List<String> testClasses() throws IOException {
        Path tests = moduleDir().resolve("src/test/java");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tests)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith("Test.java") || name.endsWith("Tests.java") || name.endsWith("TestCase.java")
                        || name.startsWith("Test") && name.endsWith(".java");
            }).map(p -> tests.relativize(p).toString().replaceAll("\\.java$", "")).sorted().toList();
        }
    }

    /** Runs the given tests with the template built from {@code changelogs} (null: the release's own). */
    Outcome run(List<String> tests, Path changelogs, String label) throws IOException, InterruptedException {
        clearReports();
        List<String> args = new ArrayList<>(List.of("test", "-Dtest=" + String.join(",", tests),
                "-Dsurefire.failIfNoSpecifiedTests=false"));
        if (changelogs != null) {
            args.add("-Dstrata.template.changelog=" + changelogs.toAbsolutePath());
        }
        Path log = logs.resolve("test-" + label + ".log");
        int exit = maven(log, args.toArray(String[]::new));
        Outcome outcome = reports();
        boolean completed = exit == 0 || !outcome.failures().isEmpty();
        return new Outcome(outcome.tests(), outcome.failures(), completed,
                completed ? null : firstError(log) + " (log: " + log + ")");
    }

    private int maven(Path log, String... goalsAndProperties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        command.addAll(mavenFlags);
        command.addAll(List.of("-pl", ":" + module, "-am", "-Dliquibase.analytics.enabled=false"));
        command.addAll(List.of(goalsAndProperties));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return process.waitFor();
    }

    private Path moduleDir() throws IOException {
        try (Stream<Path> poms = Files.walk(checkout, 4)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !checkout.relativize(p).toString().contains("target/")).sorted().toList()) {
                if (module.equals(artifactId(pom))) {
                    return pom.getParent();
                }
            }
        }
        throw new WindowException("the previous release has no module with artifactId " + module
                + "; pass --module with its services' artifactId");
    }

    /** The pom's own artifactId (a direct child of project, not the parent's). */
    private static String artifactId(Path pom) {
        try {
            NodeList children = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                    .getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e && e.getTagName().equals("artifactId")) {
                    return e.getTextContent().strip();
                }
            }
        } catch (Exception e) {
            return null; // not a pom the release builds with
        }
        return null;
    }

    private void clearReports() throws IOException {
        for (Path dir : reportDirs()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private List<Path> reportDirs() throws IOException {
        try (Stream<Path> dirs = Files.walk(checkout, 5)) {
            return dirs.filter(p -> p.endsWith("target/surefire-reports") && Files.isDirectory(p)).toList();
        }
    }

    private Outcome reports() throws IOException {
        int tests = 0;
        List<Failure> failures = new ArrayList<>();
        for (Path dir : reportDirs()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path report : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                    NodeList cases;
                    try {
                        cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                                .getElementsByTagName("testcase");
                    } catch (Exception e) {
                        continue; // a report the fork did not finish writing: the run's exit code tells
                    }
                    for (int i = 0; i < cases.getLength(); i++) {
                        Element testcase = (Element) cases.item(i);
                        if (testcase.getElementsByTagName("skipped").getLength() > 0) {
                            continue;
                        }
                        tests++;
                        Element problem = first(testcase, "failure", "error");
                        if (problem != null) {
                            failures.add(new Failure(testcase.getAttribute("classname"), testcase.getAttribute("name"),
                                    firstLine(problem)));
                        }
                    }
                }
            }
        }
        return new Outcome(tests, failures, true, null);
    }

    private static Element first(Element parent, String... names) {
        for (String name : names) {
            NodeList nodes = parent.getElementsByTagName(name);
            if (nodes.getLength() > 0) {
                return (Element) nodes.item(0);
            }
        }
        return null;
    }

    private static String firstLine(Element problem) {
        String text = problem.getAttribute("message");
        if (text.isBlank()) {
            text = problem.getTextContent();
        }
        String line = text.strip().lines().findFirst().orElse(problem.getAttribute("type"));
        // jOOQ puts the whole statement first ("SQL [select …]; cause"): the cause is what names the column.
        int cause = line.startsWith("SQL [") ? line.lastIndexOf("]; ") : -1;
        if (cause > 0) {
            line = line.substring(cause + 3);
        }
        return line.length() <= 240 ? line : line.substring(0, 240) + " …";
    }

    /** The line of a Maven log that says what failed: the first [FATAL], else the first informative [ERROR]. */
    static String firstError(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String fallback = null;
        for (String prefix : List.of("[FATAL] ", "[ERROR] ")) {
            for (String line : lines) {
                if (!line.startsWith(prefix)) {
                    continue;
                }
                String text = line.replaceFirst("^(\\[(ERROR|FATAL)\\]\\s*)+", "").replaceFirst("\\s*-> \\[Help \\d+\\]$", "")
                        .strip();
                // headings ("COMPILATION ERROR :", "Some problems were encountered …:") introduce the line that says what
                if (!text.isEmpty() && !text.endsWith(":") && !text.startsWith("Failed to execute goal")) {
                    return text.length() <= 300 ? text : text.substring(0, 300) + " …";
                }
                if (fallback == null && !text.isEmpty()) {
                    fallback = text;
                }
            }
        }
        return fallback != null ? fallback : "Maven failed without an [ERROR] line";
    }
}
