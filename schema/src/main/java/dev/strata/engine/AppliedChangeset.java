package dev.strata.engine;

/** A row of Liquibase's tracking table (DATABASECHANGELOG). */
public record AppliedChangeset(String id, String author, String file, String checksum, String dateExecuted,
                               int orderExecuted, String execType, String tag) {

    public String key() {
        return file + "::" + id + "::" + author;
    }
}
