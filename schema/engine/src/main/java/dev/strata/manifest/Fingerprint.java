package dev.strata.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** SHA-256 fingerprints of build inputs: the keys of every "unchanged, so skip" decision. */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** Of the parts in order, each followed by a zero byte so that ("ab", "c") differs from ("a", "bc"). */
    public static String of(String... parts) {
        MessageDigest md = sha256();
        for (String part : parts) {
            md.update(part.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Of every file under {@code folder}: relative names and bytes, in name order. */
    public static String ofFolder(Path folder) throws IOException {
        MessageDigest md = sha256();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
