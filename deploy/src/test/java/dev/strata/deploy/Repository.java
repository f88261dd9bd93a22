package dev.strata.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Paths in the checkout, and an "image" folder laid out as the Dockerfile lays out /app. */
final class Repository {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path APP_JAR = ROOT.resolve("app/target/strata-app.jar");

    private Repository() {
    }

    /** {@code <dir>/bin/strata}, {@code <dir>/bin/migrate} and {@code <dir>/strata-app.jar}, as in the image. */
    static Path imageRoot(Path dir) throws IOException {
        if (!Files.isRegularFile(APP_JAR)) {
            throw new IllegalStateException(APP_JAR + " is missing; the deploy tests run after `mvn package` of app"
                    + " (use `mvn verify` at the root)");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String launcher : new String[] {"strata", "migrate"}) {
            Path copy = Files.copy(ROOT.resolve("deploy/bin/" + launcher), bin.resolve(launcher),
                    StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().setExecutable(true);
        }
        Files.createSymbolicLink(dir.resolve("strata-app.jar"), APP_JAR);
        return dir;
    }
}
