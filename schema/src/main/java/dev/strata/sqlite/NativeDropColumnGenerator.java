package dev.strata.sqlite;

import java.util.List;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.DropColumnGenerator;
import liquibase.statement.core.DropColumnStatement;

/** {@code ALTER TABLE ... DROP COLUMN} on SQLite (3.35+), which refuses by itself when the column is in use. */
public class NativeDropColumnGenerator extends DropColumnGenerator {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public boolean supports(DropColumnStatement statement, Database database) {
        return database instanceof SQLiteDatabase;
    }

    @Override
    public ValidationErrors validate(DropColumnStatement statement, Database database, SqlGeneratorChain chain) {
        ValidationErrors errors = new ValidationErrors();
        errors.checkRequiredField("tableName", statement.getTableName());
        if (!statement.isMultiple()) {
            errors.checkRequiredField("columnName", statement.getColumnName());
        }
        return errors;
    }

    @Override
    public Sql[] generateSql(DropColumnStatement statement, Database database, SqlGeneratorChain chain) {
        List<DropColumnStatement> columns = statement.isMultiple() ? statement.getColumns() : List.of(statement);
        String table = columns.get(0).getTableName();
        if (RebuildGenerator.preview()) {
            return RebuildGenerator.previewSql(statement);
        }
        TableRebuild rebuild = TableRebuild.of(database, table);
        TableDefinition definition = rebuild.current();
        List<SqliteSchema.Entry> entries = rebuild.schema().entries();
        boolean inUse = columns.stream().anyMatch(c -> inUse(c.getColumnName(), table, definition, entries));
        if (inUse) {
            // SQLite refuses DROP COLUMN for a column in an index, a key or a constraint: rebuild without it,
            // dropping the indexes that name it (as Liquibase does on other databases).
            return rebuild.droppingIndexes(index -> columns.stream()
                            .anyMatch(c -> TableDefinition.mentions(index.sql(), c.getColumnName())))
                    .apply(d -> columns.forEach(c -> d.dropColumn(c.getColumnName())));
        }
        return columns.stream().map(column -> new UnparsedSql("ALTER TABLE "
                + database.escapeTableName(column.getCatalogName(), column.getSchemaName(), column.getTableName())
                + " DROP COLUMN " + database.escapeColumnName(column.getCatalogName(), column.getSchemaName(),
                column.getTableName(), column.getColumnName()))).toArray(Sql[]::new);
    }

    private static boolean inUse(String column, String table, TableDefinition definition,
                                 List<SqliteSchema.Entry> entries) {
        TableDefinition.Column declared = definition.column(column);
        if (declared.has("PRIMARY") || declared.has("UNIQUE") || declared.has("REFERENCES")) {
            return true;
        }
        if (definition.constraints().stream().anyMatch(c -> c.columns().stream().anyMatch(column::equalsIgnoreCase)
                || TableDefinition.mentions(c.sql(), column))) {
            return true;
        }
        return entries.stream().anyMatch(e -> e.type().equals("index") && e.table().equalsIgnoreCase(table)
                && TableDefinition.mentions(e.sql(), column));
    }
}
