package dev.strata.sqlite;

import liquibase.statement.AbstractSqlStatement;

/** {@code dropAllForeignKeyConstraints} on SQLite: one rebuild of the base table without its foreign keys. */
public final class DropAllForeignKeysStatement extends AbstractSqlStatement {
    private final String table;

    public DropAllForeignKeysStatement(String table) {
        this.table = table;
    }

    public String table() {
        return table;
    }
}
