package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import liquibase.database.Database;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;

/**
 * SQLite's documented procedure for any table change ALTER TABLE cannot make: create the new table,
 * copy the rows, drop the old one, rename, then recreate the table's indexes and triggers and the views
 * that name it. Runs with foreign keys off (the engine turns them off before the transaction and runs
 * PRAGMA foreign_key_check before it commits), so dropping a parent table cascades into nothing and
 * other tables' foreign keys keep pointing at the table by name.
 */
final class TableRebuild {
    private final SqliteSchema schema;
    private final String table;
    private Predicate<SqliteSchema.Entry> dropIndex = e -> false;
    private final List<Sql> before = new ArrayList<>();

    private TableRebuild(Database database, String table) {
        this.schema = SqliteSchema.of(database);
        this.table = table;
    }

    static TableRebuild of(Database database, String table) {
        return new TableRebuild(database, table);
    }

    SqliteSchema schema() {
        return schema;
    }

    /** The table's current definition, to inspect before deciding. */
    TableDefinition current() {
        return TableDefinition.parse(schema.tableSql(table));
    }

    /** Indexes matching this are not recreated (they name a dropped column). */
    TableRebuild droppingIndexes(Predicate<SqliteSchema.Entry> predicate) {
        this.dropIndex = predicate;
        return this;
    }

    /** Statements to run before the rebuild (e.g. filling NULLs before NOT NULL). */
    TableRebuild first(String sql) {
        before.add(new UnparsedSql(sql));
        return this;
    }

    Sql[] apply(Consumer<TableDefinition> edit) {
        TableDefinition definition = current();
        List<String> oldColumns = definition.columnNames();
        edit.accept(definition);
        if (schema.foreignKeysEnforced() && referencedByOthers()) {
            throw new UnexpectedLiquibaseException("rebuilding " + table + " with foreign keys enforced would"
                    + " cascade into the tables that reference it; run the change through Strata's engine"
                    + " (migrate update), which turns foreign keys off for the transaction and checks them before commit");
        }
        List<String> copied = new ArrayList<>();
        for (String column : definition.columnNames()) {
            oldColumns.stream().filter(column::equalsIgnoreCase).findFirst().ifPresent(copied::add);
        }
        String temporary = table + "__strata_new";
        List<SqliteSchema.Entry> indexes = new ArrayList<>();
        List<SqliteSchema.Entry> triggers = new ArrayList<>();
        List<SqliteSchema.Entry> views = new ArrayList<>();
        for (SqliteSchema.Entry e : schema.entries()) {
            switch (e.type()) {
                case "index" -> {
                    if (e.table().equalsIgnoreCase(table) && !dropIndex.test(e)) {
                        indexes.add(e);
                    }
                }
                case "trigger" -> {
                    if (e.table().equalsIgnoreCase(table) || TableDefinition.mentions(e.sql(), table)) {
                        triggers.add(e);
                    }
                }
                case "view" -> {
                    if (TableDefinition.mentions(e.sql(), table)) {
                        views.add(e);
                    }
                }
                default -> { }
            }
        }
        List<Sql> sql = new ArrayList<>(before);
        List<SqliteSchema.Entry> viewsReversed = new ArrayList<>(views);
        Collections.reverse(viewsReversed);
        viewsReversed.forEach(v -> sql.add(new UnparsedSql("DROP VIEW " + SqlTokens.quote(v.name()))));
        triggers.forEach(t -> sql.add(new UnparsedSql("DROP TRIGGER " + SqlTokens.quote(t.name()))));
        sql.add(new UnparsedSql(definition.render(temporary)));
        String columns = String.join(", ", copied.stream().map(SqlTokens::quote).toList());
        sql.add(new UnparsedSql("INSERT INTO " + SqlTokens.quote(temporary) + " (" + columns + ") SELECT " + columns
                + " FROM " + SqlTokens.quote(table)));
        sql.add(new UnparsedSql("DROP TABLE " + SqlTokens.quote(table)));
        sql.add(new UnparsedSql("ALTER TABLE " + SqlTokens.quote(temporary) + " RENAME TO " + SqlTokens.quote(table)));
        indexes.forEach(i -> sql.add(new UnparsedSql(i.sql())));
        triggers.forEach(t -> sql.add(new UnparsedSql(t.sql())));
        views.forEach(v -> sql.add(new UnparsedSql(v.sql())));
        return sql.toArray(new Sql[0]);
    }

    private boolean referencedByOthers() {
        for (SqliteSchema.Entry e : schema.entries()) {
            if (e.type().equals("table") && !e.name().equalsIgnoreCase(table)
                    && e.sql().toUpperCase().contains("REFERENCES") && TableDefinition.mentions(e.sql(), table)) {
                return true;
            }
        }
        return false;
    }
}
