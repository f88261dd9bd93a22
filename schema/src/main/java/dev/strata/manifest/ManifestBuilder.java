package dev.strata.manifest;

import dev.strata.engine.Changelog;
import dev.strata.engine.SchemaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

/** Computes the manifest by parsing the changelogs; at build time it writes it into the schema jar. */
public final class ManifestBuilder {
    private ManifestBuilder() {
    }

    public static Manifest build(Changelog changelog) {
        DatabaseChangeLog parsed = changelog.parse();
        List<Changeset> result = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ChangeSet cs : parsed.getChangeSets()) {
            String file = cs.getStoredFilePath();
            String dbms = cs.getDbmsSet() == null ? "" : String.join(",", new TreeSet<>(cs.getDbmsSet()));
            Changeset changeset = new Changeset(cs.getId(), cs.getAuthor(), file,
                    cs.generateCheckSum(ChecksumVersion.latest()).toString(), dbms, cs.isAlwaysRun());
            for (String field : List.of(changeset.id(), changeset.author(), changeset.file())) {
                if (field.contains("\t") || field.contains("\n")) {
                    throw new SchemaException("changeset " + changeset.key() + " has a tab or newline in its id,"
                            + " author or file name; use plain names");
                }
            }
            String previous = seen.put(cs.getId() + "::" + cs.getAuthor(), file);
            if (previous != null) {
                throw new SchemaException("changeset id " + cs.getId() + " (author " + cs.getAuthor()
                        + ") appears twice: in " + previous + " and " + file + "; give the newer one a new id");
            }
            result.add(changeset);
        }
        return new Manifest(result);
    }

    /** Build-time entry point: {@code ManifestBuilder <output file>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManifestBuilder <output file>");
        }
        Path out = Path.of(args[0]);
        String text = build(Changelog.classpathUnbuilt()).format();
        if (Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).equals(text)) {
            return;
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
