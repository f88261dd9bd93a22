package dev.strata.codegen;

import dev.strata.manifest.Fingerprint;
import dev.strata.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    // Everything but the changelogs: when only the changelogs changed, only what they change is stale.
    private final String generator;
    private final Path stamp;
    private final Path output;

    CodegenInputs(Manifest manifest, byte[] config, String toolVersion, Path stamp, Path output) {
        this.generator = Fingerprint.of(FORMAT, toolVersion, Constants.FULL_VERSION,
                new String(config, StandardCharsets.UTF_8));
        this.digest = Fingerprint.of(generator, manifest.format());
        this.stamp = stamp;
        this.output = output;
    }

    String digest() {
        return digest;
    }

    boolean upToDate() throws IOException {
        if (!recorded(0).equals(digest)) {
            return false;
        }
        try (Stream<Path> files = Files.isDirectory(output) ? Files.walk(output) : Stream.empty()) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        }
    }

    /** Whether the last generation had the same generator, configuration and plugin (the changelogs may differ). */
    boolean sameGenerator() throws IOException {
        return recorded(1).equals(generator);
    }

    private String recorded(int line) throws IOException {
        List<String> lines = Files.isRegularFile(stamp) ? Files.readAllLines(stamp) : List.of();
        return lines.size() > line ? lines.get(line).strip() : "";
    }

    void record() throws IOException {
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, digest + "\n" + generator + "\n");
    }
}
