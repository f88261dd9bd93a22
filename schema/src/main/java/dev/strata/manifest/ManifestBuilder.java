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
    /** Changelog property naming the oldest changeset a database must have to be upgraded by this release. */
    public static final String UPGRADE_FLOOR = "strata.upgrade-floor";

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
        Object floor = parsed.getChangeLogParameters() == null ? null
                : parsed.getChangeLogParameters().getValue(UPGRADE_FLOOR, parsed);
        if (floor != null && result.stream().noneMatch(c -> c.id().equals(floor.toString()))) {
            throw new SchemaException("property " + UPGRADE_FLOOR + " names changeset '" + floor + "', which is not in"
                    + " the changelogs; name the id of an existing changeset");
        }
        return new Manifest(result, floor == null ? null : floor.toString());
    }

    /**
     * Build-time entry point: {@code ManifestBuilder <output file> <changelog folder>}. Parsing is skipped
     * when the changelog files are byte-identical to the last build's.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManifestBuilder <output file> <changelog folder>");
        }
        Path out = Path.of(args[0]);
        Path stamp = out.resolveSibling("manifest.sources.sha256");
        String sources = Fingerprint.ofFolder(Path.of(args[1]));
        if (Files.exists(out) && Files.exists(stamp) && Files.readString(stamp).equals(sources)) {
            return;
        }
        String text;
        try {
            text = build(Changelog.classpathUnbuilt()).format();
        } catch (SchemaException e) {
            throw new IllegalStateException(e.getMessage());
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        Files.writeString(stamp, sources);
    }
}
