package dev.strata.manifest;

/**
 * One changeset as Liquibase identifies it (id, author, file) with the checksum Liquibase stores for it.
 * {@code dbms} is empty when the changeset runs on every database.
 */
public record Changeset(String id, String author, String file, String checksum, String dbms, boolean runAlways) {

    /** Liquibase's own notation, as in its messages and its tracking table. */
    public String key() {
        return file + "::" + id + "::" + author;
    }

    /** Whether this changeset applies to a database of the given Liquibase short name (sqlite, postgresql). */
    public boolean appliesTo(String databaseShortName) {
        if (dbms.isEmpty()) {
            return true;
        }
        boolean included = false;
        boolean anyPositive = false;
        for (String entry : dbms.split(",")) {
            String name = entry.strip();
            if (name.startsWith("!")) {
                if (name.substring(1).equalsIgnoreCase(databaseShortName)) {
                    return false;
                }
            } else {
                anyPositive = true;
                included |= name.equalsIgnoreCase(databaseShortName) || name.equalsIgnoreCase("all");
            }
        }
        return !anyPositive || included;
    }
}
