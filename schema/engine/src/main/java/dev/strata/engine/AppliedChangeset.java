package dev.strata.engine;

/** A row of Liquibase's tracking table (DATABASECHANGELOG). */
public record AppliedChangeset(String id, String author, String file, String checksum, String dateExecuted,
                               int orderExecuted, String execType, String tag) {

    public String key() {
        return file + "::" + id + "::" + author;
    }

    /** How Liquibase matches this row with a changeset (see {@link dev.strata.manifest.Changeset#identity()}). */
    public String identity() {
        return dev.strata.manifest.Changeset.identity(file, id, author);
    }
}
