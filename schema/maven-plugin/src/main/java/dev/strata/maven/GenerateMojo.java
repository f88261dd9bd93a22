package dev.strata.maven;

import dev.strata.build.HeadDatabase;
import dev.strata.codegen.Codegen;
import dev.strata.engine.Changelog;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * jOOQ classes from the changelogs on the project's class path: applied through the engine to a scratch
 * SQLite file, then jOOQ's generator; the output folder becomes a compile source root. Skipped when the
 * changesets, {@code codegen.xml}, jOOQ and the plugin are the same as last time.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class GenerateMojo extends StrataMojo {
    /** Plain jOOQ code generation configuration; Strata supplies the connection and the output folder. */
    @Parameter(property = "strata.codegen.config", defaultValue = "${project.basedir}/codegen.xml")
    File configFile;

    @Parameter(property = "strata.codegen.output", defaultValue = "${project.build.directory}/generated-sources/jooq")
    File outputDirectory;

    @Parameter(defaultValue = "${project.build.directory}/strata-codegen")
    File workDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    String goal() {
        return "generate";
    }

    /** Skipped, the classes generated last time still compile with the project. */
    @Override
    void skipped() {
        if (outputDirectory.isDirectory()) {
            project.addCompileSourceRoot(outputDirectory.getPath());
        }
    }

    @Override
    Step step() {
        return () -> {
            project.addCompileSourceRoot(outputDirectory.getPath());
            if (!configFile.isFile()) {
                throw new dev.strata.engine.SchemaException("jOOQ configuration " + configFile + " does not exist;"
                        + " create it or set <configFile>");
            }
            try (URLClassLoader dependencies = dependencies()) {
                Codegen.run(Files.readAllBytes(configFile.toPath()), Changelog.shipped(dependencies),
                        outputDirectory.toPath(), workDirectory.toPath(), toolVersion() + "\n" + dependencyCoordinates(),
                        Path.of(project.getBuild().getOutputDirectory()), headKey(dependencies), getLog()::info);
            }
        };
    }

    /** The changelogs' sources key, which the manifest goal shipped beside the manifest (null without one). */
    private static String headKey(ClassLoader dependencies) throws java.io.IOException {
        try (java.io.InputStream in = dependencies.getResourceAsStream(HeadDatabase.KEY_RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * What the generated classes compile against, by coordinates (a new jOOQ makes every class stale); the
     * changelogs' own artifact keeps its coordinates when they change, which the manifest covers.
     */
    private String dependencyCoordinates() {
        return project.getArtifacts().stream().map(a -> a.getId()).sorted().collect(Collectors.joining("\n"));
    }

    /** The project's compile class path (the changelogs jar among it), on top of the plugin's own classes. */
    private URLClassLoader dependencies() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String element : project.getCompileClasspathElements()) {
            if (!element.equals(project.getBuild().getOutputDirectory())) {
                urls.add(toUrl(new File(element)));
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    private static URL toUrl(File file) throws MalformedURLException {
        return file.toURI().toURL();
    }
}
