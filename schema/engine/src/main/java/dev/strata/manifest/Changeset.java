package dev.strata.manifest;

import java.util.List;

/**
 * One changeset as Liquibase identifies it (id, author, file) with the checksum Liquibase stores for it.
 * {@code dbms} is empty when the changeset runs on every database; {@code validCheckSums} are the
 * changeset's {@code <validCheckSum>} values (also accepted as stored checksums).
 */
public record Changeset(String id, String author, String file, String checksum, String dbms, boolean runAlways,
                        boolean runOnChange, List<String> validCheckSums) {

    public Changeset {
        validCheckSums = List.copyOf(validCheckSums);
    }

    public Changeset(String id, String author, String file, String checksum, String dbms, boolean runAlways) {
        this(id, author, file, checksum, dbms, runAlways, false, List.of());
    }

    /** Liquibase's own notation, as in its messages and its tracking table. */
    public String key() {
        return key(file, id, author);
    }

    /** Liquibase's identity of a changeset: file, id and author. */
    public static String key(String file, String id, String author) {
        return file + "::" + id + "::" + author;
    }

    /** What Liquibase matches a tracking row by: this changeset's {@link #identity(String, String, String)}. */
    public String identity() {
        return identity(file, id, author);
    }

    /**
     * Liquibase's matching of a changeset with a tracking row (RanChangeSet.isSameAs): id and author ignoring
     * case, and the file path normalised (no {@code classpath:} prefix, forward slashes, no drive letter or
     * leading slash, {@code ./} and {@code ../} resolved), ignoring case.
     */
    public static String identity(String file, String id, String author) {
        String path = file == null ? "" : file.replaceFirst("^classpath:", "").replace('\\', '/')
                .replaceFirst("^[A-Za-z]:", "");
        path = java.nio.file.Path.of(path).normalize().toString().replace('\\', '/').replaceFirst("^/+", "");
        return (path + "::" + id + "::" + author).toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a stored checksum matches this changeset, as Liquibase's {@code ChangeSet.isCheckSumValid} decides. */
    public boolean accepts(String storedChecksum) {
        for (String valid : validCheckSums) {
            if (valid.equalsIgnoreCase("1:any") || valid.equalsIgnoreCase("1:all") || valid.equals("1:*")) {
                return true;
            }
        }
        return storedChecksum == null || storedChecksum.equals(checksum) || validCheckSums.contains(storedChecksum);
    }

    /** Whether this changeset applies to a database of the given Liquibase short name, by Liquibase's rule. */
    public boolean appliesTo(String databaseShortName) {
        if (dbms.isEmpty()) {
            return true;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String entry : dbms.split(",")) {
            names.add(entry.strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (names.contains("all")) {
            return true;
        }
        if (names.contains("none") || names.contains("!" + databaseShortName)) {
            return false;
        }
        return names.stream().allMatch(n -> n.startsWith("!")) || names.contains(databaseShortName);
    }
}
