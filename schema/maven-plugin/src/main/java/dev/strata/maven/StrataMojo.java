package dev.strata.maven;

import dev.strata.engine.SchemaException;
import dev.strata.guard.GuardException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every Strata goal shares: {@code skip}, Liquibase kept quiet and offline, the plugin's identity for
 * up-to-date checks, and user errors as one {@code [ERROR]} line instead of a stack trace.
 */
abstract class StrataMojo extends AbstractMojo {
    static {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** Skips the goal (also {@code -Dstrata.skip}). */
    @Parameter(property = "strata.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    interface Step {
        void run() throws Exception;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Strata " + goal() + ": skipped (strata.skip)");
            skipped();
            return;
        }
        try {
            step().run();
        } catch (SchemaException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (GuardException e) {
            throw new MojoFailureException(e.problems().size() == 1 ? e.problems().get(0)
                    : "changelog guards failed:" + e.report());
        } catch (IOException e) {
            throw new MojoExecutionException("Strata " + goal() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MojoExecutionException("Strata " + goal() + " failed: " + e, e);
        }
    }

    abstract String goal();

    /** What a skipped goal still owes the build (nothing, unless a goal says otherwise). */
    void skipped() {
    }

    abstract Step step();

    /**
     * The plugin's version; for a snapshot also the size and time of every class it runs (its own and the
     * engine's), so that rebuilding the plugin invalidates what it produced.
     */
    String toolVersion() throws IOException {
        // Once per plugin class loader: every goal of a build asks, and the classes cannot change under it.
        String known = identity;
        if (known == null) {
            known = identity(pluginVersion);
            identity = known;
        }
        return known;
    }

    private static volatile String identity;

    private static String identity(String pluginVersion) throws IOException {
        if (pluginVersion == null || !pluginVersion.endsWith("-SNAPSHOT")) {
            return "strata-maven-plugin " + pluginVersion;
        }
        StringBuilder code = new StringBuilder("strata-maven-plugin " + pluginVersion);
        for (Class<?> type : new Class<?>[] {StrataMojo.class, SchemaException.class}) {
            Path location;
            try {
                location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | NullPointerException e) {
                continue;
            }
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        code.append('\n').append(location.relativize(f)).append(' ').append(Files.size(f)).append(' ')
                                .append(Files.getLastModifiedTime(f).toMillis());
                    }
                }
            } else {
                File jar = location.toFile();
                code.append('\n').append(jar.getName()).append(' ').append(jar.length()).append(' ')
                        .append(jar.lastModified());
            }
        }
        return code.toString();
    }
}
