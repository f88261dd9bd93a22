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
        return columns.stream().map(column -> new UnparsedSql("ALTER TABLE "
                + database.escapeTableName(column.getCatalogName(), column.getSchemaName(), column.getTableName())
                + " DROP COLUMN " + database.escapeColumnName(column.getCatalogName(), column.getSchemaName(),
                column.getTableName(), column.getColumnName()))).toArray(Sql[]::new);
    }
}
