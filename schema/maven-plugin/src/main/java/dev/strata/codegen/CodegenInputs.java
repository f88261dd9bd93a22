package dev.strata.codegen;

import dev.strata.manifest.Fingerprint;
import dev.strata.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jooq.Constants;

/**
 * What the generated classes depend on: the manifest (every changeset and its checksum), the codegen
 * configuration, the jOOQ version and the plugin's. Same digest as last time and output present: nothing to do.
 */
final class CodegenInputs {
    // Bumped when Strata's own type rules (JavaTypes, the bindings) change what the same inputs generate.
    private static final String FORMAT = "strata-codegen-2";

    private final String digest;
    private final Path stamp;
    private final Path output;

    CodegenInputs(Manifest manifest, byte[] config, String toolVersion, Path stamp, Path output) {
        this.digest = Fingerprint.of(FORMAT, toolVersion, Constants.FULL_VERSION, manifest.format(),
                new String(config, StandardCharsets.UTF_8));
        this.stamp = stamp;
        this.output = output;
    }

    String digest() {
        return digest;
    }

    boolean upToDate() throws IOException {
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp).strip().equals(digest)) {
            return false;
        }
        try (Stream<Path> files = Files.isDirectory(output) ? Files.walk(output) : Stream.empty()) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        }
    }

    void record() throws IOException {
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, digest + "\n");
    }
}
