package dev.strata.app.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 of the input's UTF-8 bytes, as {@code sha256sum} prints it. */
public final class Checksum implements TaskKind {
    @Override
    public String name() {
        return "checksum";
    }

    @Override
    public Map<String, Artifact> run(String input) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        return Map.of("sha256.txt", new Artifact("text/plain", HexFormat.of().formatHex(digest)));
    }
}
